-- 007_reserved.sql - placeholder on branch wip-ckpt only: number 007 is
-- taken by the records branch (wip-rec), which merges beside this one.
-- When both are merged, this file and its line in src/store/meson.build
-- go, and 008_checkpoints.sql follows that branch's 007.
SELECT 1;
