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
          var job = jobStatusUrl(xhr.responseText);
          if (job) {  // the file waits on the job queue: stay here, "validating", until it has been read
            waitForJob(job, bar, function () { window.location.assign(xhr.responseURL); });
            return;
          }
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
  // The status URL of the job page the upload was redirected to, if it was (a preview is not one).
  function jobStatusUrl(html) {
    if (!window.DOMParser) { return null; }
    var box = new DOMParser().parseFromString(html, "text/html").querySelector("[data-job-status-url]");
    return box ? box.getAttribute("data-job-status-url") : null;
  }

  // Poll the job until it has finished, showing its progress on the bar; then call done().
  function waitForJob(url, bar, done) {
    var delay = 500;
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (status) {
          if (status.finished) { done(); return; }
          if (status.progress > 0) { bar.value = status.progress; }
          delay = 500;
          window.setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 15000);  // a restarting server: keep trying, more slowly
          window.setTimeout(poll, delay);
        });
    }
    window.setTimeout(poll, delay);
  }

  document.querySelectorAll("button[data-busy-label]").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      button.textContent = button.dataset.busyLabel;
    });
  });
})();
