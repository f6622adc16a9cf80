-- 023_cert_number.sql - certificate numbers stored as the public check
-- reads them: upper case, full-width characters made ASCII, spaces
-- dropped (cert_number_normalize, through fz_cert_number). Numbers issued
-- before issue normalised them may be stored as typed.
--
-- Two numbers that become the same (nx-0001 and NX-0001) would be one
-- certificate to the public check: neither is changed and the migration
-- is refused, naming both rows, so that a person decides which number is
-- wrong (nothing is lost; the server does not start until then).
SELECT fz_refuse('执法证号规范化（大写、全角转半角、去空格）后重复，未做任何更改；请先更正这些执法证号：'
                 || group_concat(clash, '；'))
  FROM (SELECT fz_cert_number(number) || '（编号 ' || group_concat(id || '：' || number, '，')
               || '）' AS clash
          FROM certificates
         GROUP BY fz_cert_number(number)
        HAVING count(*) > 1)
HAVING count(*) > 0;

UPDATE certificates
   SET number = fz_cert_number(number)
 WHERE number <> fz_cert_number(number);
