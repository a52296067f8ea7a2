// The console's own script (no inline script anywhere): copy buttons, one open row menu at a time,
// confirmations, and the request tester's form built from the action's input JSON Schema.
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var copy = event.target.closest('button[data-copy]');
    if (copy) {
      var source = document.querySelector(copy.getAttribute('data-copy'));
      if (source) {
        var text = source.value !== undefined && source.tagName === 'INPUT' ? source.value : source.textContent;
        var done = function () { copy.textContent = 'Copied'; setTimeout(function () { copy.textContent = copy.dataset.label; }, 1500); };
        copy.dataset.label = copy.dataset.label || copy.textContent;
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { select(source); });
        } else {
          select(source);
          try { document.execCommand('copy'); done(); } catch (e) { /* the text stays selected */ }
        }
      }
    }
    // a click outside closes the open row menus
    document.querySelectorAll('details.menu[open]').forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute('open'); }
    });
  });

  function select(node) {
    if (node.select) { node.select(); return; }
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      var open = document.querySelector('details.menu[open]');
      if (open) {
        open.removeAttribute('open');
        open.querySelector('summary').focus();
      }
    }
  });

  document.addEventListener('toggle', function (event) {
    var opened = event.target;
    if (opened.matches && opened.matches('details.menu') && opened.open) {
      document.querySelectorAll('details.menu[open]').forEach(function (other) {
        if (other !== opened) { other.removeAttribute('open'); }
      });
    }
  }, true);

  // ---- the request tester ----------------------------------------------------------------
  var tester = document.getElementById('tester');
  if (tester) { buildTester(tester); }

  function buildTester(form) {
    var schema;
    try { schema = JSON.parse(form.getAttribute('data-schema') || '{}'); } catch (e) { return; }
    var raw = document.getElementById('raw-input');
    var generated = document.getElementById('generated');
    var initial = {};
    try { initial = JSON.parse(raw.value || '{}'); } catch (e) { initial = {}; }
    var root = objectFields(schema, initial, 'in', true);
    generated.appendChild(root);

    var rawField = raw.closest('.field');
    var switchBox = document.createElement('div');
    switchBox.className = 'mode-switch';
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'secondary';
    toggle.id = 'raw-toggle';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.textContent = 'Edit as raw JSON';
    switchBox.appendChild(toggle);
    form.insertBefore(switchBox, generated);
    rawField.hidden = true;
    var rawMode = false;
    toggle.addEventListener('click', function () {
      if (!rawMode) {
        raw.value = JSON.stringify(collect(root), null, 2);
      } else {
        try {
          var parsed = JSON.parse(raw.value || '{}');
          generated.innerHTML = '';
          root = objectFields(schema, parsed, 'in', true);
          generated.appendChild(root);
        } catch (e) { /* keep the raw view until it parses */ return; }
      }
      rawMode = !rawMode;
      rawField.hidden = !rawMode;
      generated.hidden = rawMode;
      toggle.setAttribute('aria-pressed', rawMode ? 'true' : 'false');
      toggle.textContent = rawMode ? 'Edit as a form' : 'Edit as raw JSON';
    });

    form.addEventListener('submit', function (event) {
      if (!rawMode) { raw.value = JSON.stringify(collect(root)); }
      var question = form.getAttribute('data-confirm');
      if (question && !window.confirm(question)) { event.preventDefault(); }
    });
  }

  var counter = 0;
  function nextId(prefix) { counter += 1; return prefix + '-' + counter; }

  function objectFields(schema, value, prefix, top) {
    var box = document.createElement(top ? 'div' : 'fieldset');
    box.dataset.kind = 'object';
    var properties = schema.properties || {};
    var required = schema.required || [];
    Object.keys(properties).forEach(function (name) {
      var field = fieldFor(name, properties[name], required.indexOf(name) >= 0, value ? value[name] : undefined, prefix);
      field.dataset.name = name;
      box.appendChild(field);
    });
    return box;
  }

  function labelFor(id, name, prop, required) {
    var label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = name;
    if (required) {
      var mark = document.createElement('span');
      mark.className = 'required';
      mark.textContent = ' (required)';
      label.appendChild(mark);
    }
    return label;
  }

  function fieldFor(name, prop, required, value, prefix) {
    var type = Array.isArray(prop.type) ? prop.type.filter(function (t) { return t !== 'null'; })[0] : prop.type;
    var id = nextId(prefix + '-' + name);
    if (type === 'object' && prop.properties) {
      var set = objectFields(prop, value || {}, id, false);
      var legend = document.createElement('legend');
      legend.textContent = name + (required ? ' (required)' : '');
      set.insertBefore(legend, set.firstChild);
      set.dataset.field = 'object';
      return set;
    }
    if (type === 'array') {
      return arrayField(name, prop, required, value, id);
    }
    var wrap = document.createElement('div');
    wrap.className = 'field';
    var input;
    if (prop['enum']) {
      input = document.createElement('select');
      var blank = document.createElement('option');
      blank.value = '';
      blank.textContent = '(not set)';
      input.appendChild(blank);
      prop['enum'].forEach(function (choice) {
        var option = document.createElement('option');
        option.value = String(choice);
        option.textContent = String(choice);
        if (value !== undefined && String(value) === String(choice)) { option.selected = true; }
        input.appendChild(option);
      });
    } else if (type === 'boolean') {
      input = document.createElement('select');
      [['', '(not set)'], ['true', 'true'], ['false', 'false']].forEach(function (pair) {
        var option = document.createElement('option');
        option.value = pair[0];
        option.textContent = pair[1];
        if (value !== undefined && String(value) === pair[0]) { option.selected = true; }
        input.appendChild(option);
      });
    } else if (type === 'object') {
      input = document.createElement('textarea');
      input.rows = 3;
      input.value = value === undefined ? '' : JSON.stringify(value);
      input.dataset.json = 'true';
    } else {
      input = document.createElement('input');
      input.type = type === 'integer' || type === 'number' ? 'number' : (prop.format === 'email' ? 'email' : 'text');
      if (type === 'integer') { input.step = '1'; }
      if (prop.minimum !== undefined) { input.min = prop.minimum; }
      if (prop.maximum !== undefined) { input.max = prop.maximum; }
      if (prop.maxLength !== undefined) { input.maxLength = prop.maxLength; }
      if (value !== undefined && value !== null) { input.value = String(value); }
    }
    input.id = id;
    input.dataset.type = type || 'string';
    if (required) { input.required = true; input.setAttribute('aria-required', 'true'); }
    wrap.appendChild(labelFor(id, name, prop, required));
    if (prop.description) {
      var help = document.createElement('span');
      help.className = 'muted';
      help.id = id + '-help';
      help.textContent = prop.description;
      input.setAttribute('aria-describedby', help.id);
      wrap.appendChild(help);
    }
    wrap.appendChild(input);
    wrap.dataset.field = 'scalar';
    return wrap;
  }

  function arrayField(name, prop, required, value, id) {
    var set = document.createElement('fieldset');
    set.dataset.field = 'array';
    var legend = document.createElement('legend');
    legend.textContent = name + (required ? ' (required)' : '');
    set.appendChild(legend);
    var list = document.createElement('div');
    set.appendChild(list);
    var items = prop.items || { type: 'string' };
    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'secondary';
    add.textContent = 'Add ' + name + ' item';
    function addItem(itemValue) {
      var row = document.createElement('div');
      row.className = 'array-item';
      var field = fieldFor(name + ' item ' + (list.children.length + 1), items, false, itemValue, id);
      row.appendChild(field);
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = 'Remove item';
      remove.addEventListener('click', function () { row.remove(); });
      row.appendChild(remove);
      list.appendChild(row);
    }
    (Array.isArray(value) ? value : []).forEach(addItem);
    add.addEventListener('click', function () { addItem(undefined); });
    set.appendChild(add);
    return set;
  }

  function valueOf(node) {
    var kind = node.dataset.field;
    if (kind === 'object') { return collect(node); }
    if (kind === 'array') {
      var out = [];
      node.querySelectorAll(':scope > div > .array-item').forEach(function (row) {
        var v = valueOf(row.firstChild);
        if (v !== undefined) { out.push(v); }
      });
      return out.length ? out : undefined;
    }
    var input = node.querySelector('input, select, textarea');
    if (!input || input.value === '') { return undefined; }
    var type = input.dataset.type;
    if (input.dataset.json === 'true') {
      try { return JSON.parse(input.value); } catch (e) { return input.value; }
    }
    if (type === 'integer') { return parseInt(input.value, 10); }
    if (type === 'number') { return Number(input.value); }
    if (type === 'boolean') { return input.value === 'true'; }
    return input.value;
  }

  function collect(box) {
    var out = {};
    Array.prototype.forEach.call(box.children, function (child) {
      if (!child.dataset || !child.dataset.name) { return; }
      var v = valueOf(child);
      if (v !== undefined) { out[child.dataset.name] = v; }
    });
    return out;
  }
})();
