// Copy a share address on click. Without this script the address stays
// visible in its read-only field, and the button stays hidden.
(function () {
  "use strict";

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var container = button.closest(".share__copy");
    var status = container && container.querySelector("[data-copy-status]");
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(field).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied-message");
          }
        },
        function () {
          field.select();
        }
      );
    });
  });
})();
