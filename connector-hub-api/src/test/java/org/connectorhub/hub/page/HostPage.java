package org.connectorhub.hub.page;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A host platform's page on another loopback origin that embeds the Hub with embed.js (iframe
 * or popup) and writes what it hears ({@code onSuccess}, {@code onCancel}, {@code onClose}) into
 * {@code #events}.
 */
final class HostPage implements AutoCloseable {
    private final HttpServer server;

    private HostPage(HttpServer server) {
        this.server = server;
    }

    static HostPage start(String hubBaseUrl) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Host app</title></head>
                <body>
                <h1>Host app</h1>
                <button id="open" type="button">Connect Postmark</button>
                <p id="events"></p>
                <div id="hub"></div>
                <script src="%s/hub/embed.js"></script>
                <script>
                  var events = [];
                  function record(text) {
                    events.push(text);
                    document.getElementById('events').textContent = events.join(' ');
                  }
                  var launch = new URLSearchParams(location.hash.substring(1));
                  function openHub() {
                    ConnectorHub.open({
                      hubUrl: launch.get('hub'),
                      mode: launch.get('mode'),
                      container: '#hub',
                      onSuccess: function (account) {
                        record(JSON.stringify({ type: 'success', provider: account.provider, mode: account.mode }));
                      },
                      onCancel: function () { record('cancel'); },
                      onClose: function () { record('close'); }
                    });
                  }
                  document.getElementById('open').addEventListener('click', openHub);
                  if (launch.get('mode') === 'iframe') {
                    openHub();
                  }
                </script>
                </body></html>
                """.formatted(hubBaseUrl);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/host.html", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new HostPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The host page, handed the session's hub URL in the fragment (never sent to any server);
     * {@code iframe} opens at once, {@code popup} when {@code #open} is clicked.
     */
    String url(String hubUrl, String mode) {
        return origin() + "/host.html#mode=" + mode + "&hub=" + URLEncoder.encode(hubUrl, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
