// Progressive enhancement only: every form works without this script.
document.addEventListener('submit', function (e) {
  var form = e.target;
  var message = form.getAttribute('data-confirm');
  if (message && !window.confirm(message)) { e.preventDefault(); return; }
  var progress = form.querySelector('progress');
  if (progress) { progress.hidden = false; }
});
