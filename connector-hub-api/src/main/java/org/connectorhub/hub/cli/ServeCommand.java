package org.connectorhub.hub.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.connectorhub.hub.Hub;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the hub until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the hub's HTTP API.")
public final class ServeCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream out;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--exit-when-ready", description = "Start, ask /readyz once, stop and exit (0 when ready): "
            + "a start-up check.")
    boolean exitWhenReady;

    public ServeCommand(Map<String, String> env, PrintStream out) {
        this.env = requireNonNull(env, "env is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public Integer call() throws InterruptedException {
        HubConfig config = options.toConfig(env);
        Hub hub = Hub.create(HubModules.server(config, out)).start();
        if (exitWhenReady) {
            try (hub) {
                int status = readyz(hub, config.http().host());
                out.println("hub started; /readyz answered " + status);
                return status == 200 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "hub-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static int readyz(Hub hub, String host) {
        String address = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
        try {
            var url = URI.create("http://" + address + ":" + hub.instance(HttpServer.class).port() + "/readyz").toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            try {
                connection.getInputStream().readAllBytes();
                return connection.getResponseCode();
            } catch (IOException e) {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
