// Background jobs and Excel exports: progressive enhancement only (pages work without it).
(function () {
  "use strict";

  // A job's progress page: poll its JSON status and update the bar until the job ends.
  // Without JavaScript the page refreshes itself (<noscript> meta refresh).
  function watchJob(box) {
    var url = box.dataset.jobStatusUrl;
    var bar = box.querySelector(".job-progress");
    var delay = 1000;

    function setField(name, value) {
      box.querySelectorAll("[data-job-field='" + name + "']").forEach(function (el) {
        el.textContent = value;
      });
    }

    function show(status) {
      bar.value = status.progress;
      bar.textContent = status.progress + "%";
      setField("progress", status.progress);
      setField("status_label", status.status_label);
      setField("message", status.message);
      var badge = box.querySelector("[data-job-status]");
      if (badge) {
        badge.classList.remove("status-job-" + badge.dataset.jobStatus);
        badge.classList.add("status-job-" + status.status);
        badge.dataset.jobStatus = status.status;
      }
      var error = box.querySelector("[data-job-field='error']");
      if (error) {
        error.textContent = status.error;
        error.hidden = !status.error;
      }
      if (status.finished && status.next_url) {
        window.location.replace(status.next_url);  // e.g. an import that has been read: its preview
        return;
      }
      if (status.finished) {
        box.dataset.jobFinished = "true";
        box.querySelectorAll(".job-spinner, [data-job-hint]").forEach(function (el) { el.hidden = true; });
      }
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (status) {
          show(status);
          delay = 1000;
          if (!status.finished) { window.setTimeout(poll, delay); }
        })
        .catch(function () {
          // A network hiccup or a restarting server: keep trying, more slowly.
          delay = Math.min(delay * 2, 15000);
          window.setTimeout(poll, delay);
        });
    }

    if (box.dataset.jobFinished !== "true") { window.setTimeout(poll, delay); }
  }

  document.querySelectorAll("[data-job-status-url]").forEach(watchJob);

  // Export links: show that the file is being prepared and ignore repeated clicks meanwhile.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-export]");
    if (!link) { return; }
    if (link.classList.contains("is-busy")) {
      event.preventDefault();
      return;
    }
    link.classList.add("is-busy");
    link.setAttribute("aria-busy", "true");
    var done = function () {
      link.classList.remove("is-busy");
      link.removeAttribute("aria-busy");
    };
    window.setTimeout(done, 8000);
    window.addEventListener("focus", done, { once: true });
  });
})();
