// Progressive enhancement only: every form works without this script.
document.addEventListener('submit', function (e) {
  var form = e.target;
  var message = form.getAttribute('data-confirm');
  if (message && !window.confirm(message)) { e.preventDefault(); return; }
  var progress = form.querySelector('progress');
  if (progress) { progress.hidden = false; }
});

// The party picker (issue 12): as the user types, the server's matches (parties in the user's scope,
// at most 20) fill the select. Without this script 查找 asks the page again with ?partyQuery= for the same list.
Array.prototype.forEach.call(document.querySelectorAll('input[data-party-search]'), function (box) {
  var select = document.getElementById(box.getAttribute('data-party-select'));
  var note = document.getElementById(select.id + '-message');
  var timer = null;
  var asked = 0;
  function fill(result) {
    var chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    result.items.forEach(function (m) {
      var option = document.createElement('option');
      option.value = m.id;
      option.textContent = m.label;
      select.appendChild(option);
    });
    select.options[0].textContent = result.items.length ? '请选择' : '请先查找当事人';
    var kept = result.items.some(function (m) { return m.id === chosen; });
    if (kept) { select.value = chosen; } else if (result.items.length === 1) { select.value = result.items[0].id; }
    note.textContent = result.message || (result.items.length ? '找到 ' + result.items.length + ' 个当事人，请选择' : '');
  }
  function search() {
    var q = box.value.trim();
    var mine = ++asked;
    if (q.length < 2) { note.textContent = q ? '请至少输入两个字' : ''; return; }
    fetch(box.getAttribute('data-party-search') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (result) { if (mine === asked) { fill(result); } })
      .catch(function () { if (mine === asked) { note.textContent = '查找未完成，请点击“查找”重试'; } });
  }
  box.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 250); });
  // Enter and 查找 search here instead of loading the page again: nothing else typed is lost.
  box.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); search(); }
  });
  var find = document.querySelector('input[data-party-find="' + box.id + '"]');
  if (find) { find.addEventListener('click', function (e) { e.preventDefault(); clearTimeout(timer); search(); }); }
});

// CP-43: an import's progress, polled from its JSON status; the page reloads once it is done.
document.querySelectorAll('[data-import-status]').forEach(function (box) {
  var bar = box.querySelector('#import-progress');
  var count = box.querySelector('#import-count');
  var state = box.querySelector('#import-state');
  if (!box.querySelector('noscript')) { return; }
  function poll() {
    fetch(box.getAttribute('data-import-status'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (s) {
        bar.max = s.total; bar.value = s.processed;
        count.textContent = '已处理 ' + s.processed + ' / ' + s.total + ' 行（' + s.percent + '%）';
        state.textContent = s.stateName;
        if (s.state === 'done' || s.state === 'failed') { window.location.replace(box.getAttribute('data-import-page')); } else { setTimeout(poll, 1000); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
});
