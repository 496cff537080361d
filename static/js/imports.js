// Bulk import: upload progress and a "validating" state. Without this file the form posts normally.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload-progress]");
  if (form && window.FormData && window.XMLHttpRequest && "upload" in new XMLHttpRequest()) {
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      if (!input || !input.files.length) { return; }  // let the server say what is missing
      event.preventDefault();
      var box = form.querySelector(".upload-progress");
      var bar = box.querySelector("progress");
      var status = box.querySelector(".upload-status");
      var button = form.querySelector("button[type=submit]");
      var xhr = new XMLHttpRequest();
      box.hidden = false;
      button.disabled = true;
      status.textContent = form.dataset.labelUploading;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round((e.loaded / e.total) * 100);
        }
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");  // indeterminate while the server checks the file
        status.textContent = form.dataset.labelValidating;
      });
      xhr.addEventListener("load", function () {
        var action = new URL(form.action, window.location.href).href;
        if (xhr.responseURL && xhr.responseURL !== action) {
          window.location.assign(xhr.responseURL);  // redirected to the preview
          return;
        }
        document.open();  // the upload page again, with the reasons the file was refused
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () {
        bar.value = 0;
        status.textContent = form.dataset.labelFailed;
        button.disabled = false;
      });
      xhr.open("POST", form.action);
      xhr.send(new FormData(form));
    });
  }
  document.querySelectorAll("button[data-busy-label]").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      button.textContent = button.dataset.busyLabel;
    });
  });
})();
