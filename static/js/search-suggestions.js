// Suggest community names while typing; the search works without this file.
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var endpoint = input.dataset.suggestions;
    var pending = null;
    var lastAsked = "";

    input.addEventListener("input", function () {
      var text = input.value.trim();
      clearTimeout(pending);
      if (text.length < 2 || text === lastAsked) {
        return;
      }
      pending = setTimeout(function () {
        lastAsked = text;
        fetch(endpoint + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { suggestions: [] };
          })
          .then(function (data) {
            list.replaceChildren();
            data.suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.community;
              list.appendChild(option);
            });
          })
          .catch(function () {
            list.replaceChildren();
          });
      }, 150);
    });
  }

  document.querySelectorAll("input[data-suggestions]").forEach(attach);
})();
