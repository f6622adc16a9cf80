/* upload.js - optional help for the evidence upload form on the case
 * page: refuses a file over the limit before sending it, and shows a
 * progress bar while a large file goes up. Without this script (or with
 * an old browser) the form posts as a plain multipart form. */
(function () {
	"use strict";
	var forms = document.querySelectorAll("form.upload");
	if (!window.XMLHttpRequest || !window.FormData)
		return;
	function chosen(form) {
		var inputs = form.querySelectorAll("input[type=file]");
		for (var i = 0; i < inputs.length; i++)
			if (inputs[i].files && inputs[i].files.length)
				return inputs[i].files[0];
		return null;
	}
	function say(form, text) {
		var p = form.querySelector(".upload-status");
		p.textContent = text;
		p.hidden = false;
	}
	function send(form, ev) {
		var file = chosen(form);
		var max = Number(form.getAttribute("data-max"));
		var bar = form.querySelector(".upload-progress");
		var button = form.querySelector("button[type=submit]");
		if (!file) {
			ev.preventDefault();
			say(form, "请先拍照、录像或选择一个文件。");
			return;
		}
		if (max > 0 && file.size > max) {
			ev.preventDefault();
			say(form, "文件过大：单个文件不能超过 " + form.getAttribute("data-limit") +
				"，未上传。请压缩或分割后重新上传。");
			return;
		}
		ev.preventDefault();
		var xhr = new XMLHttpRequest();
		xhr.open("POST", form.action);
		xhr.upload.onprogress = function (p) {
			if (!p.lengthComputable)
				return;
			bar.hidden = false;
			bar.value = Math.floor(p.loaded * 100 / p.total);
			say(form, "正在上传：" + bar.value + "%");
		};
		xhr.onload = function () {
			if (xhr.status === 200 && xhr.responseURL) {
				/* the case page the server redirected to, at the list */
				window.location.assign(xhr.responseURL.split("#")[0] + "#evidence");
				return;
			}
			/* the server's own error page, in place of this one */
			document.open();
			document.write(xhr.responseText);
			document.close();
		};
		xhr.onerror = function () {
			button.disabled = false;
			bar.hidden = true;
			say(form, "上传中断，未保存。请检查网络后重新上传。");
		};
		button.disabled = true;
		say(form, "正在上传……");
		xhr.send(new FormData(form));
	}
	for (var i = 0; i < forms.length; i++)
		forms[i].addEventListener("submit", send.bind(null, forms[i]));
})();
