// Drag and drop onto the upload form; the form works the same without this script.
(function () {
  "use strict";
  var drop = document.getElementById("drop");
  var input = document.getElementById("file");
  var hint = document.getElementById("drop-hint");
  if (!drop || !input || !window.DataTransfer) { return; }
  hint.hidden = false;
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (ev.dataTransfer && ev.dataTransfer.files.length) {
      input.files = ev.dataTransfer.files;
      input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit();
    }
  });
})();
