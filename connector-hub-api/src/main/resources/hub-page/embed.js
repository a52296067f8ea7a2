/*
 * Connector Hub embed script: opens the Hub page in a popup or an iframe and reports back.
 *
 *   ConnectorHub.open({
 *     hubUrl: session.hub_url,          // from POST /v1/connect_sessions (carries the token)
 *     mode: 'popup',                    // or 'iframe' with container: '#hub' or an element
 *     onSuccess: function (account) {}, // the linked account (never any token)
 *     onCancel: function () {},
 *     onClose: function () {}
 *   });
 *
 * The Hub page posts only to this page's origin, and only when the project lists it in its
 * allowed origins; this script accepts only messages from the hub's own origin and window.
 */
(function (global) {
  'use strict';

  var SOURCE = 'connector-hub';

  function noop() {
  }

  function resolveContainer(container) {
    if (!container) {
      throw new Error('ConnectorHub: mode "iframe" needs a container (element or selector)');
    }
    var node = typeof container === 'string' ? document.querySelector(container) : container;
    if (!node) {
      throw new Error('ConnectorHub: container not found: ' + container);
    }
    return node;
  }

  function open(options) {
    options = options || {};
    if (!options.hubUrl) {
      throw new Error('ConnectorHub: hubUrl is required (the hub_url of a connect session)');
    }
    var mode = options.mode === 'iframe' ? 'iframe' : 'popup';
    var onSuccess = options.onSuccess || noop;
    var onCancel = options.onCancel || noop;
    var onClose = options.onClose || noop;

    var url = new URL(options.hubUrl, global.location.href);
    var hubOrigin = url.origin;
    url.searchParams.set('embed', mode);
    url.searchParams.set('origin', global.location.origin);

    var target = null;
    var frame = null;
    var watcher = null;
    var closed = false;

    function cleanup() {
      global.removeEventListener('message', onMessage);
      if (watcher) {
        global.clearInterval(watcher);
        watcher = null;
      }
    }

    function close() {
      if (closed) {
        return;
      }
      closed = true;
      cleanup();
      if (frame && frame.parentNode) {
        frame.parentNode.removeChild(frame);
      }
      if (mode === 'popup' && target && !target.closed) {
        target.close();
      }
      onClose();
    }

    function onMessage(event) {
      // Only the hub, and only the window we opened.
      if (event.origin !== hubOrigin || event.source !== target) {
        return;
      }
      var data = event.data;
      if (!data || data.source !== SOURCE) {
        return;
      }
      if (data.type === 'success') {
        onSuccess(data.account);
      } else if (data.type === 'cancel') {
        onCancel();
        close();
      } else if (data.type === 'close') {
        close();
      }
    }

    global.addEventListener('message', onMessage);

    if (mode === 'iframe') {
      frame = document.createElement('iframe');
      frame.src = url.toString();
      frame.title = options.title || 'Connect an account';
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.className = options.className || 'connector-hub-frame';
      frame.style.border = '0';
      frame.style.width = '100%';
      frame.style.minHeight = options.height || '640px';
      resolveContainer(options.container).appendChild(frame);
      target = frame.contentWindow;
    } else {
      var width = options.width || 520;
      var height = options.height || 760;
      var left = Math.max(0, (global.screenX || 0) + ((global.outerWidth || width) - width) / 2);
      var top = Math.max(0, (global.screenY || 0) + ((global.outerHeight || height) - height) / 2);
      target = global.open(url.toString(), 'connector-hub',
        'popup=yes,width=' + width + ',height=' + height + ',left=' + Math.round(left) + ',top=' + Math.round(top));
      if (!target) {
        cleanup();
        closed = true;
        onClose();
        return { close: noop, blocked: true };
      }
      // A closed popup sends nothing, so watch for it.
      watcher = global.setInterval(function () {
        if (target.closed) {
          close();
        }
      }, 500);
    }

    return { close: close, blocked: false };
  }

  global.ConnectorHub = { open: open, version: '0.1.0' };
}(window));
