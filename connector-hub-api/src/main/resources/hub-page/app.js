/*
 * The Connector Hub page: links an end user's provider account from a connect session.
 * Vanilla JS, no build step, no inline script (the page runs under a strict CSP).
 * Everything shown is built from the connector descriptor; text from the server or the
 * provider is always inserted as text, never as HTML.
 */
(function () {
  'use strict';

  var API = '/hub/api';
  var MESSAGE_SOURCE = 'connector-hub';

  // The session token lives only in this closure: never in the URL, storage or the DOM.
  var token = null;
  var launch = { embed: null, origin: null };
  var state = {
    session: null,
    connectors: [],
    connector: null,
    editAccount: null,
    pickerShown: false,
    busy: false,
    justLinked: null,
    closedNotified: false
  };

  // ---------------------------------------------------------------- small helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === 'text') {
          node.textContent = value;
        } else if (name === 'className') {
          node.className = value;
        } else if (name.indexOf('on') === 0) {
          node.addEventListener(name.substring(2), value);
        } else if (value === true) {
          node.setAttribute(name, '');
        } else {
          node.setAttribute(name, String(value));
        }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function view() {
    return document.getElementById('view');
  }

  function show(children, focusTarget) {
    var root = view();
    while (root.firstChild) {
      root.removeChild(root.firstChild);
    }
    children.forEach(function (child) {
      if (child) {
        root.appendChild(child);
      }
    });
    document.getElementById('main').setAttribute('aria-busy', 'false');
    var target = focusTarget || root.querySelector('h1');
    if (target) {
      if (!target.hasAttribute('tabindex') && target.tagName === 'H1') {
        target.setAttribute('tabindex', '-1');
      }
      target.focus();
    }
  }

  function announce(text) {
    var region = document.getElementById('announcer');
    region.textContent = '';
    // A fresh text node after clearing makes screen readers read repeated messages too.
    window.setTimeout(function () {
      region.textContent = text;
    }, 30);
  }

  function firstNonEmpty() {
    for (var i = 0; i < arguments.length; i++) {
      if (arguments[i] !== undefined && arguments[i] !== null && arguments[i] !== '') {
        return arguments[i];
      }
    }
    return null;
  }

  function pick(obj, snake, camel) {
    if (!obj) {
      return undefined;
    }
    return obj[snake] !== undefined ? obj[snake] : obj[camel];
  }

  function listOf(body) {
    if (Array.isArray(body)) {
      return body;
    }
    if (body && Array.isArray(body.data)) {
      return body.data;
    }
    return [];
  }

  function formatDate(value) {
    if (!value) {
      return '';
    }
    var date = new Date(value);
    if (isNaN(date.getTime())) {
      return String(value);
    }
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  // ---------------------------------------------------------------- the hub API

  function api(method, path, body) {
    var headers = {
      'Accept': 'application/json, application/problem+json',
      'Authorization': 'Bearer ' + token
    };
    var init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (ignored) {
          json = null;
        }
        return { status: response.status, body: json, retryAfter: response.headers.get('Retry-After') };
      });
    }, function () {
      return { status: 0, body: null, retryAfter: null };
    });
  }

  // ---------------------------------------------------------------- embedding (postMessage)

  function allowedOrigins() {
    var fromSession = state.session && pick(state.session, 'allowed_origins', 'allowedOrigins');
    if (Array.isArray(fromSession)) {
      return fromSession;
    }
    var meta = document.querySelector('meta[name="connector-hub-allowed-origins"]');
    var content = meta ? meta.getAttribute('content') : '';
    return content.split(/\s+/).filter(function (origin) {
      return origin && origin.indexOf('{{') !== 0;
    });
  }

  function hostWindow() {
    if (launch.embed === 'popup' && window.opener && window.opener !== window) {
      return window.opener;
    }
    if (launch.embed === 'iframe' && window.parent && window.parent !== window) {
      return window.parent;
    }
    return null;
  }

  /** Tells the host page, and only when its origin is one the project allows; never '*'. */
  function notifyHost(type, payload) {
    var target = hostWindow();
    if (!target || !launch.origin) {
      return false;
    }
    if (allowedOrigins().indexOf(launch.origin) === -1) {
      return false;
    }
    var message = { source: MESSAGE_SOURCE, type: type };
    if (payload) {
      message.account = payload;
    }
    target.postMessage(message, launch.origin);
    return true;
  }

  function closeButton(label) {
    if (!launch.embed) {
      return null;
    }
    return el('button', {
      type: 'button',
      className: 'button secondary',
      text: label || 'Close',
      onclick: function () {
        state.closedNotified = true;
        notifyHost('close');
        if (launch.embed === 'popup') {
          window.close();
        }
      }
    });
  }

  // ---------------------------------------------------------------- pages without a form

  function renderDeadEnd(title, text) {
    state.connector = null;
    show([
      el('div', { className: 'state-icon state-icon-muted', 'aria-hidden': 'true' }, [el('span', { className: 'icon-clock' })]),
      el('h1', { text: title }),
      el('p', { className: 'lead', text: text }),
      el('p', { className: 'muted', text: 'Go back to the app that sent you here and start linking again to get a new link.' }),
      el('div', { className: 'actions' }, [closeButton()])
    ]);
    document.body.setAttribute('data-view', 'expired');
  }

  function renderExpired(problem) {
    wipeSecrets();
    var code = (problem && problem.code) || '';
    if (/used|consumed|spent/.test(code)) {
      renderDeadEnd('This link was already used', 'Each link connects one account, and this one has been used already.');
    } else if (/expired/.test(code)) {
      renderDeadEnd('This link has expired', 'For your safety, links to connect an account only work for a short time.');
    } else {
      renderDeadEnd('This link has expired or was already used', 'Links to connect an account work once and only for a short time.');
    }
  }

  function renderHubDown() {
    show([
      el('h1', { text: 'We can\u2019t reach the hub right now' }),
      el('p', { className: 'lead', text: 'Check your connection and try again.' }),
      el('div', { className: 'actions' }, [
        el('button', { type: 'button', className: 'button primary', text: 'Try again', onclick: start })
      ])
    ]);
    document.body.setAttribute('data-view', 'offline');
  }

  // ---------------------------------------------------------------- loading the session

  function start() {
    show([el('p', { className: 'loading' }, [el('span', { className: 'spinner', 'aria-hidden': 'true' }), 'Loading\u2026'])]);
    if (!token) {
      renderDeadEnd('This link is incomplete', 'The address is missing its connect token, so there is nothing to link yet.');
      return;
    }
    api('GET', '/session').then(function (res) {
      if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 410) {
        renderExpired(res.body);
        return null;
      }
      if (res.status !== 200 || !res.body) {
        renderHubDown();
        return null;
      }
      state.session = res.body.session || res.body;
      if (state.session.used === true) {
        renderExpired({ code: 'session_used' });
        return null;
      }
      // The session carries the descriptors of the connectors it may link.
      var offered = state.session.connectors;
      state.connectors = Array.isArray(offered) ? offered : [];
      return loadEditAccount().then(route);
    });
  }

  function loadEditAccount() {
    var accountId = pick(state.session, 'account_id', 'accountId');
    if (!accountId) {
      return Promise.resolve();
    }
    return api('GET', '/accounts').then(function (res) {
      if (res.status === 200) {
        state.editAccount = listOf(res.body).filter(function (a) {
          return a.id === accountId;
        })[0] || { id: accountId };
      } else {
        state.editAccount = { id: accountId };
      }
    });
  }

  function connectorFor(provider) {
    return state.connectors.filter(function (c) {
      return c.provider === provider;
    })[0] || null;
  }

  function displayName(provider) {
    var connector = connectorFor(provider);
    return connector ? firstNonEmpty(connector.display_name, connector.name, connector.provider) : provider;
  }

  function route() {
    var provider = firstNonEmpty(state.session.provider, state.editAccount && state.editAccount.provider);
    if (provider) {
      var connector = connectorFor(provider);
      if (!connector) {
        renderDeadEnd('This provider is not available', 'The hub has no connector for \u201C' + provider + '\u201D.');
        return;
      }
      renderForm(connector);
    } else {
      renderPicker();
    }
  }

  // ---------------------------------------------------------------- provider picker

  function renderPicker() {
    state.pickerShown = true;
    var items = state.connectors.map(function (connector) {
      var scopes = (connector.scopes || []).map(function (s) {
        return s.description;
      }).join(' ');
      return el('li', null, [
        el('button', {
          type: 'button',
          className: 'provider-choice',
          'data-provider': connector.provider,
          onclick: function () {
            renderForm(connector);
          }
        }, [
          el('span', { className: 'provider-initial', 'aria-hidden': 'true', text: (displayName(connector.provider) || '?').charAt(0) }),
          el('span', { className: 'provider-text' }, [
            el('span', { className: 'provider-name', text: displayName(connector.provider) }),
            scopes ? el('span', { className: 'provider-desc', text: scopes }) : null
          ]),
          el('span', { className: 'chevron', 'aria-hidden': 'true', text: '\u203A' })
        ])
      ]);
    });
    show([
      el('h1', { text: 'Choose a service to connect' }),
      ownerLine(),
      items.length
        ? el('ul', { className: 'provider-list', 'aria-label': 'Services' }, items)
        : el('p', { className: 'lead', text: 'No services are available to connect.' }),
      el('div', { className: 'actions' }, [cancelButton()])
    ]);
    document.body.setAttribute('data-view', 'picker');
  }

  function ownerLine(prefix) {
    var name = firstNonEmpty(pick(state.session, 'origin_owner_name', 'originOwnerName'),
      pick(state.session, 'origin_username', 'originUsername'));
    return name ? el('p', { className: 'muted owner', text: (prefix || 'Linking for ') + name }) : null;
  }

  function cancelButton() {
    if (!launch.embed) {
      return null;
    }
    return el('button', {
      type: 'button',
      className: 'button secondary',
      text: 'Cancel',
      'data-action': 'cancel',
      onclick: function () {
        wipeSecrets();
        state.closedNotified = true;
        notifyHost('cancel');
        if (launch.embed === 'popup') {
          window.close();
        }
      }
    });
  }

  // ---------------------------------------------------------------- the form

  function fieldId(key) {
    return 'field-' + key;
  }

  function renderForm(connector) {
    state.connector = connector;
    var name = displayName(connector.provider);
    var fields = connector.fields || [];
    var editing = !!state.editAccount;

    var steps = fields.map(function (field, index) {
      return renderStep(connector, field, index);
    });

    var labelValue = editing ? (state.editAccount.label || '') : '';
    var labelStep = el('div', { className: 'label-field' }, [
      el('label', { 'for': 'field-__label', className: 'field-label' }, [
        'Name this connection ',
        el('span', { className: 'badge', text: 'Optional' })
      ]),
      el('p', { id: 'field-__label-help', className: 'help', text: 'Helps you tell your accounts apart, e.g. \u201CNewsletters\u201D.' }),
      el('input', {
        id: 'field-__label', name: '__label', type: 'text', className: 'input',
        autocomplete: 'off', maxlength: '200', 'aria-describedby': 'field-__label-help',
        'data-describedby': 'field-__label-help'
      }),
      el('p', { id: 'field-__label-error', className: 'field-error', hidden: true })
    ]);
    labelStep.querySelector('input').value = labelValue;

    var form = el('form', { id: 'connect-form', className: 'connect-form', novalidate: true, 'aria-describedby': 'form-intro', onsubmit: onSubmit }, [
      el('div', { id: 'banner-slot' }),
      el('ol', { className: 'steps' }, steps),
      labelStep,
      testCredentialsHint(connector),
      el('div', { id: 'form-error', className: 'form-error', role: 'alert', hidden: true }),
      el('div', { className: 'actions' }, [
        el('button', { id: 'connect', type: 'submit', className: 'button primary' }, [
          el('span', { className: 'spinner spinner-light', 'aria-hidden': 'true', hidden: true }),
          el('span', { className: 'button-text', text: editing ? 'Reconnect' : 'Connect' })
        ]),
        cancelButton()
      ])
    ]);

    var intro = editing
      ? 'Enter your tokens again to renew this connection. Saved tokens are never shown, so the boxes start empty.'
      : 'Paste your tokens below. We check them with ' + name + ' before saving anything.';

    show([
      state.pickerShown ? el('button', { type: 'button', className: 'link-button back', text: '\u2039 Choose another service', onclick: renderPicker }) : null,
      el('p', { className: 'eyebrow', text: editing ? 'Reconnect' : 'Connect' }),
      el('h1', { text: (editing ? 'Reconnect ' : 'Connect ') + name }),
      ownerLine(),
      editing && state.editAccount.provider_account ? el('p', { className: 'muted', text: 'Account: ' + state.editAccount.provider_account.name }) : null,
      el('p', { id: 'form-intro', className: 'lead', text: intro }),
      form
    ]);
    document.body.setAttribute('data-view', 'form');
    document.body.setAttribute('data-provider', connector.provider);
  }

  function renderStep(connector, field, index) {
    var id = fieldId(field.key);
    var secret = field.secret !== false;
    var required = field.required !== false;
    var describedBy = [];
    var children = [];

    var labelChildren = [field.label];
    if (!required) {
      labelChildren.push(' ');
      labelChildren.push(el('span', { className: 'badge', text: 'Optional' }));
    }
    children.push(el('label', { 'for': id, className: 'field-label' }, labelChildren));

    if (field.description) {
      children.push(el('p', { id: id + '-desc', className: 'description', text: field.description }));
      describedBy.push(id + '-desc');
    }
    if (field.help) {
      children.push(el('p', { id: id + '-help', className: 'help' }, [
        el('span', { className: 'help-title', text: 'Where to find it: ' }), field.help
      ]));
      describedBy.push(id + '-help');
    }
    var unlocks = field.unlocks || (!required && field.scope ? scopeDescription(connector, field.scope) : '');
    if (!required && unlocks) {
      children.push(el('p', { id: id + '-unlocks', className: 'unlocks', text: unlocks }));
      describedBy.push(id + '-unlocks');
    }

    var input = el('input', {
      id: id,
      name: field.key,
      type: secret ? 'password' : 'text',
      className: 'input' + (secret ? ' input-secret' : ''),
      autocomplete: 'off',
      autocapitalize: 'off',
      autocorrect: 'off',
      spellcheck: 'false',
      placeholder: field.placeholder || null,
      required: required,
      'aria-required': required ? 'true' : null,
      'aria-describedby': describedBy.join(' ') || null,
      'data-secret': secret ? 'true' : 'false',
      'data-describedby': describedBy.join(' ')
    });
    input.addEventListener('input', function () {
      clearFieldError(field.key);
    });

    var row = [input];
    if (secret) {
      row.push(el('button', {
        type: 'button',
        className: 'toggle',
        'aria-pressed': 'false',
        'aria-controls': id,
        'aria-label': 'Show ' + field.label,
        'data-toggle-for': field.key,
        text: 'Show',
        onclick: function (event) {
          var button = event.currentTarget;
          var reveal = input.type === 'password';
          input.type = reveal ? 'text' : 'password';
          button.setAttribute('aria-pressed', reveal ? 'true' : 'false');
          button.textContent = reveal ? 'Hide' : 'Show';
          button.setAttribute('aria-label', (reveal ? 'Hide ' : 'Show ') + field.label);
        }
      }));
    }
    children.push(el('div', { className: 'input-row' }, row));
    children.push(el('p', { id: id + '-error', className: 'field-error', hidden: true, 'data-error-for': field.key }));

    return el('li', { className: 'step', 'data-field': field.key }, [
      el('span', { className: 'step-number', 'aria-hidden': 'true', text: String(index + 1) }),
      el('div', { className: 'step-body' }, children)
    ]);
  }

  function scopeDescription(connector, scopeKey) {
    var scope = (connector.scopes || []).filter(function (s) {
      return s.key === scopeKey;
    })[0];
    return scope ? scope.description : '';
  }

  function testCredentialsHint(connector) {
    var test = connector.test_credentials || connector.testCredentials;
    if (!test || !Object.keys(test).length || state.editAccount) {
      return null;
    }
    return el('p', { className: 'test-hint' }, [
      'Just trying things out? ',
      el('button', {
        type: 'button',
        className: 'link-button',
        'data-action': 'use-test-credentials',
        text: 'Use ' + displayName(connector.provider) + '\u2019s test token',
        onclick: function () {
          Object.keys(test).forEach(function (key) {
            var input = document.getElementById(fieldId(key));
            if (input) {
              input.value = test[key];
              clearFieldError(key);
            }
          });
          announce('Test token filled in. A test account accepts emails but never delivers them.');
        }
      }),
      ' \u2014 it links a test account that never delivers anything.'
    ]);
  }

  // ---------------------------------------------------------------- errors in the form

  function clearFieldError(key) {
    var input = document.getElementById(fieldId(key));
    var error = document.getElementById(fieldId(key) + '-error');
    if (!input || !error) {
      return;
    }
    error.textContent = '';
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    var base = input.getAttribute('data-describedby');
    if (base) {
      input.setAttribute('aria-describedby', base);
    } else {
      input.removeAttribute('aria-describedby');
    }
    var step = input.closest('.step');
    if (step) {
      step.classList.remove('has-error');
    }
  }

  function setFieldError(key, message, hint) {
    var input = document.getElementById(fieldId(key));
    var error = document.getElementById(fieldId(key) + '-error');
    if (!input || !error) {
      return false;
    }
    while (error.firstChild) {
      error.removeChild(error.firstChild);
    }
    error.appendChild(el('span', { className: 'error-message', text: message }));
    if (hint) {
      error.appendChild(el('span', { className: 'error-hint', text: hint }));
    }
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    var base = input.getAttribute('data-describedby');
    input.setAttribute('aria-describedby', (error.id + ' ' + (base || '')).trim());
    var step = input.closest('.step');
    if (step) {
      step.classList.add('has-error');
    }
    return true;
  }

  function clearAllErrors() {
    (state.connector.fields || []).forEach(function (field) {
      clearFieldError(field.key);
    });
    clearFieldError('__label');
    var formError = document.getElementById('form-error');
    if (formError) {
      formError.textContent = '';
      formError.hidden = true;
    }
    var slot = document.getElementById('banner-slot');
    if (slot) {
      while (slot.firstChild) {
        slot.removeChild(slot.firstChild);
      }
    }
  }

  function showFormError(text) {
    var formError = document.getElementById('form-error');
    formError.textContent = text;
    formError.hidden = false;
  }

  function showOutageBanner(retryAfter) {
    var name = displayName(state.connector.provider);
    var seconds = parseInt(retryAfter, 10);
    var retry = el('button', { id: 'retry', type: 'button', className: 'button warn', text: 'Retry', onclick: onRetry });
    var banner = el('div', { id: 'outage-banner', className: 'banner banner-warn', role: 'alert' }, [
      el('p', { className: 'banner-title', text: name + ' is not responding right now' }),
      el('p', { text: 'This is a problem on ' + name + '\u2019s side, not with your tokens. Nothing was saved, and what you entered is still here.' }),
      !isNaN(seconds) && seconds > 0 ? el('p', { className: 'muted', text: name + ' asked us to wait about ' + seconds + (seconds === 1 ? ' second.' : ' seconds.') }) : null,
      el('div', { className: 'banner-actions' }, [retry])
    ]);
    document.getElementById('banner-slot').appendChild(banner);
    retry.focus();
  }

  // ---------------------------------------------------------------- submitting

  function setBusy(busy) {
    state.busy = busy;
    var button = document.getElementById('connect');
    var form = document.getElementById('connect-form');
    if (!button || !form) {
      return;
    }
    button.disabled = busy;
    button.querySelector('.spinner').hidden = !busy;
    button.querySelector('.button-text').textContent = busy
      ? 'Checking with ' + displayName(state.connector.provider) + '\u2026'
      : (state.editAccount ? 'Reconnect' : 'Connect');
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
    var retry = document.getElementById('retry');
    if (retry) {
      retry.disabled = busy;
    }
  }

  function collect() {
    var credentials = {};
    var missing = [];
    (state.connector.fields || []).forEach(function (field) {
      var input = document.getElementById(fieldId(field.key));
      var value = input ? input.value.trim() : '';
      if (value) {
        credentials[field.key] = value;
      } else if (field.required !== false) {
        missing.push(field);
      }
    });
    return { credentials: credentials, missing: missing };
  }

  function onSubmit(event) {
    event.preventDefault();
    submit();
  }

  function onRetry() {
    submit();
  }

  function submit() {
    if (state.busy) {
      return;
    }
    clearAllErrors();
    var collected = collect();
    if (collected.missing.length) {
      collected.missing.forEach(function (field) {
        setFieldError(field.key, field.label + ' is required.', null);
      });
      document.getElementById(fieldId(collected.missing[0].key)).focus();
      announce(collected.missing[0].label + ' is required.');
      return;
    }
    var body = { provider: state.connector.provider, credentials: collected.credentials };
    var label = document.getElementById('field-__label');
    if (label && label.value.trim()) {
      body.label = label.value.trim();
    }
    setBusy(true);
    announce('Checking your details with ' + displayName(state.connector.provider) + '\u2026');
    api('POST', '/accounts', body).then(function (res) {
      body = null;
      collected = null;
      setBusy(false);
      handleSubmitResult(res);
    });
  }

  function handleSubmitResult(res) {
    var problem = res.body || {};
    if (res.status === 200 || res.status === 201) {
      var account = problem.account || problem;
      linked(account);
    } else if (res.status === 401) {
      renderExpired(problem);
    } else if (res.status === 503 || problem.code === 'provider_unavailable') {
      showOutageBanner(res.retryAfter);
      announce(displayName(state.connector.provider) + ' is not responding right now.');
    } else if (res.status === 0) {
      showFormError('We could not reach the hub. Check your connection and press Connect again; what you entered is still here.');
    } else {
      showRejection(problem);
    }
  }

  function showRejection(problem) {
    var errors = Array.isArray(problem.errors) ? problem.errors : [];
    var firstField = null;
    var unplaced = [];
    errors.forEach(function (error) {
      var key = error.field === 'label' && !document.getElementById(fieldId('label')) ? '__label' : error.field;
      var placed = key && setFieldError(key, error.message || problem.detail || 'This was not accepted.', error.hint);
      if (placed && !firstField) {
        firstField = key;
      }
      if (!placed) {
        unplaced.push(error.message || '');
      }
    });
    if (!firstField || unplaced.length) {
      var text = unplaced.filter(Boolean).join(' ') || problem.detail || problem.title || 'That did not work. Please check what you entered and try again.';
      showFormError(text);
    }
    if (firstField) {
      var input = document.getElementById(fieldId(firstField));
      input.focus();
      announce(errors[0].message + (errors[0].hint ? ' ' + errors[0].hint : ''));
    } else {
      document.getElementById('form-error').setAttribute('tabindex', '-1');
      document.getElementById('form-error').focus();
    }
  }

  /** Empties every secret input so no token stays in the DOM. */
  function wipeSecrets() {
    var inputs = document.querySelectorAll('input[data-secret="true"]');
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].value = '';
      inputs[i].type = 'password';
    }
  }

  // ---------------------------------------------------------------- success

  function modeText(account) {
    var mode = String(account.mode || '').toLowerCase();
    return mode === 'test'
      ? { short: 'Test account', long: 'This is a test account: it accepts emails but never delivers them.' }
      : { short: 'Live', long: 'This is a live account: emails sent through it are delivered.' };
  }

  function serverName(account) {
    var providerAccount = pick(account, 'provider_account', 'providerAccount') || {};
    return firstNonEmpty(providerAccount.name, providerAccount.id, account.label, 'your account');
  }

  function linked(account) {
    wipeSecrets();
    state.justLinked = account;
    notifyHost('success', account);

    var name = displayName(account.provider || state.connector.provider);
    var mode = modeText(account);
    var isTest = String(account.mode || '').toLowerCase() === 'test';
    // The form (and every secret input) goes; a short summary stays behind the dialog.
    show([
      el('p', { className: 'eyebrow', text: 'Connected' }),
      el('h1', { text: name + ' is connected' }),
      el('p', { className: 'lead', text: serverName(account) + ' \u00B7 ' + mode.short })
    ]);
    var done = el('button', { type: 'button', className: 'button primary', id: 'confirm-done', text: 'See your accounts' });
    var dialog = el('dialog', { id: 'confirmation', className: 'dialog', 'aria-labelledby': 'confirmation-title', 'aria-describedby': 'confirmation-text' }, [
      el('div', { className: 'state-icon state-icon-ok', 'aria-hidden': 'true' }, [el('span', { className: 'icon-check' })]),
      el('h2', { id: 'confirmation-title', text: name + ' is connected' }),
      el('div', { id: 'confirmation-text' }, [
        el('dl', { className: 'facts' }, [
          el('dt', { text: 'Server' }), el('dd', { id: 'confirmation-server', text: serverName(account) }),
          el('dt', { text: 'Mode' }), el('dd', { id: 'confirmation-mode' }, [
            el('span', { className: 'pill ' + (isTest ? 'pill-test' : 'pill-live'), text: mode.short })
          ])
        ]),
        el('p', { className: isTest ? 'note note-test' : 'note', text: mode.long })
      ]),
      el('div', { className: 'actions' }, [done])
    ]);
    document.body.appendChild(dialog);
    document.body.setAttribute('data-view', 'confirmation');
    var finished = false;
    function finish() {
      if (finished) {
        return;
      }
      finished = true;
      if (dialog.open) {
        dialog.close();
      }
      dialog.parentNode.removeChild(dialog);
      loadAccounts();
    }
    done.addEventListener('click', finish);
    dialog.addEventListener('close', finish);
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    done.focus();
    announce(name + ' is connected: ' + serverName(account) + ', ' + mode.short + '.');
  }

  // ---------------------------------------------------------------- accounts page

  function loadAccounts() {
    show([el('p', { className: 'loading' }, [el('span', { className: 'spinner', 'aria-hidden': 'true' }), 'Loading your accounts\u2026'])]);
    api('GET', '/accounts').then(function (res) {
      var accounts = res.status === 200 ? listOf(res.body) : [];
      if (state.justLinked && !accounts.some(function (a) { return a.id === state.justLinked.id; })) {
        accounts.unshift(state.justLinked);
      }
      renderAccounts(accounts);
    });
  }

  function renderAccounts(accounts) {
    var items = accounts.map(function (account) {
      var isTest = String(account.mode || '').toLowerCase() === 'test';
      var status = String(account.status || 'active').toLowerCase();
      var scopes = account.scopes || [];
      var justLinked = state.justLinked && state.justLinked.id === account.id;
      return el('li', { className: 'account' + (justLinked ? ' account-new' : ''), 'data-account-id': account.id }, [
        el('div', { className: 'account-head' }, [
          el('span', { className: 'provider-initial', 'aria-hidden': 'true', text: displayName(account.provider).charAt(0) }),
          el('div', { className: 'account-title' }, [
            el('h2', { className: 'account-server', text: serverName(account) }),
            el('p', { className: 'account-provider', text: displayName(account.provider) + (account.label ? ' \u00B7 ' + account.label : '') })
          ]),
          justLinked ? el('span', { className: 'pill pill-new', text: 'Just linked' }) : null
        ]),
        el('dl', { className: 'facts facts-inline' }, [
          el('dt', { text: 'Mode' }), el('dd', { className: 'account-mode' }, [
            el('span', { className: 'pill ' + (isTest ? 'pill-test' : 'pill-live'), text: isTest ? 'Test account' : 'Live' })
          ]),
          el('dt', { text: 'Status' }), el('dd', { className: 'account-status' }, [
            el('span', { className: 'pill pill-status-' + status, text: status.charAt(0).toUpperCase() + status.slice(1) })
          ]),
          el('dt', { text: 'Access' }), el('dd', { className: 'account-scopes' }, scopes.length
            ? scopes.map(function (scope) {
              return el('span', { className: 'scope', title: scopeDescription(connectorFor(account.provider) || {}, scope) || null, text: scope });
            })
            : [el('span', { className: 'muted', text: 'none' })]),
          el('dt', { text: 'Last used' }), el('dd', { className: 'account-last-used', text: 'Loading\u2026' })
        ]),
        el('section', { className: 'activity', 'aria-labelledby': 'activity-title-' + account.id }, [
          el('h3', { id: 'activity-title-' + account.id, className: 'activity-title', text: 'Recent activity' }),
          el('div', { className: 'activity-body' }, [el('p', { className: 'muted', text: 'Loading\u2026' })])
        ]),
        el('div', { className: 'account-actions' }, [
          el('button', { type: 'button', className: 'button danger unlink', 'data-account-id': account.id,
            'aria-label': 'Unlink ' + serverName(account), text: 'Unlink',
            onclick: function () { confirmUnlink(account); } })
        ])
      ]);
    });
    show([
      el('h1', { text: 'Your connected accounts' }),
      ownerLine('Accounts linked for '),
      items.length
        ? el('ul', { className: 'accounts', id: 'accounts' }, items)
        : el('p', { className: 'lead', text: 'No accounts are linked yet.' }),
      el('div', { className: 'actions' }, [closeButton('Done')])
    ]);
    document.body.setAttribute('data-view', 'accounts');
    accounts.forEach(loadActivity);
  }

  // One account's last use and its last entries; only the session owner's own accounts answer.
  function loadActivity(account) {
    var item = document.querySelector('li[data-account-id="' + CSS.escape(account.id) + '"]');
    if (!item) {
      return;
    }
    api('GET', '/accounts/' + encodeURIComponent(account.id) + '/activity').then(function (res) {
      var lastUsed = item.querySelector('.account-last-used');
      var body = item.querySelector('.activity-body');
      if (res.status !== 200 || !res.body) {
        lastUsed.textContent = 'Unknown';
        body.replaceChildren(el('p', { className: 'muted', text: 'Activity could not be loaded.' }));
        return;
      }
      var last = pick(res.body, 'last_used_at', 'lastUsedAt');
      lastUsed.textContent = last ? formatDate(last) : 'Never';
      var entries = listOf(res.body);
      if (!entries.length) {
        body.replaceChildren(el('p', { className: 'muted activity-empty', text: 'Nothing has used this account yet.' }));
        return;
      }
      body.replaceChildren(el('ol', { className: 'activity-list' }, entries.map(function (entry) {
        var messageId = pick(entry, 'message_id', 'messageId');
        return el('li', { className: 'activity-entry ' + (entry.ok ? 'activity-ok' : 'activity-failed') }, [
          el('span', { className: 'activity-what', text: String(entry.action || '') }),
          el('time', { className: 'activity-when', datetime: entry.at, text: formatDate(entry.at) }),
          el('span', { className: 'activity-outcome', text: entry.ok ? 'Worked' : 'Failed' + (entry.code ? ' (' + entry.code + ')' : '') }),
          messageId ? el('span', { className: 'activity-message-id', text: 'Message ID ' + messageId }) : null
        ]);
      })));
    });
  }

  // ---------------------------------------------------------------- unlinking

  function confirmUnlink(account) {
    var name = serverName(account);
    var cancel = el('button', { type: 'button', className: 'button', id: 'unlink-cancel', text: 'Cancel' });
    var confirm = el('button', { type: 'button', className: 'button danger', id: 'unlink-confirm', text: 'Unlink ' + name });
    var dialog = el('dialog', { id: 'unlink-dialog', className: 'dialog', 'aria-labelledby': 'unlink-title', 'aria-describedby': 'unlink-text' }, [
      el('h2', { id: 'unlink-title', text: 'Unlink ' + name + '?' }),
      el('p', { id: 'unlink-text', text: displayName(account.provider) + ' account \u201C' + name + '\u201D will no longer be usable here. Its stored token is deleted; you can link it again later.' }),
      el('p', { className: 'form-error', id: 'unlink-error', role: 'alert', hidden: true }),
      el('div', { className: 'actions' }, [cancel, confirm])
    ]);
    var opener = document.activeElement;
    document.body.appendChild(dialog);
    function close() {
      if (dialog.open) {
        dialog.close();
      }
      if (dialog.parentNode) {
        dialog.parentNode.removeChild(dialog);
      }
      if (opener && document.body.contains(opener)) {
        opener.focus();
      }
    }
    cancel.addEventListener('click', close);
    dialog.addEventListener('cancel', function (event) {
      event.preventDefault();
      close();
    });
    confirm.addEventListener('click', function () {
      confirm.disabled = true;
      cancel.disabled = true;
      api('DELETE', '/accounts/' + encodeURIComponent(account.id)).then(function (res) {
        if (res.status === 204 || res.status === 404) {
          opener = null;
          close();
          if (state.justLinked && state.justLinked.id === account.id) {
            state.justLinked = null;
          }
          announce(name + ' is unlinked.');
          loadAccounts();
          return;
        }
        confirm.disabled = false;
        cancel.disabled = false;
        var error = dialog.querySelector('#unlink-error');
        error.textContent = 'It could not be unlinked. Try again in a moment.';
        error.hidden = false;
      });
    });
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    // the safe choice has the focus: Enter or Escape right away changes nothing
    cancel.focus();
  }

  // ---------------------------------------------------------------- start

  function readLaunchParameters() {
    var params = new URLSearchParams(window.location.search);
    token = params.get('token');
    launch.embed = /^(popup|iframe)$/.test(params.get('embed') || '') ? params.get('embed') : null;
    launch.origin = params.get('origin');
    params.delete('token');
    var rest = params.toString();
    // Drop the token from the address bar and history before anything else happens.
    window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
  }

  readLaunchParameters();

  window.addEventListener('pagehide', function () {
    wipeSecrets();
    if (launch.embed === 'popup' && !state.closedNotified) {
      state.closedNotified = true;
      notifyHost('close');
    }
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
