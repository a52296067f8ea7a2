package org.connectorhub.hub.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.connectorhub.hub.Hub;
import org.connectorhub.hub.HubConfig;
import org.connectorhub.hub.guice.HubModules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the hub until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the hub's HTTP API.")
final class ServeCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream out;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    ServeCommand(Map<String, String> env, PrintStream out) {
        this.env = requireNonNull(env, "env is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public Integer call() throws InterruptedException {
        HubConfig config = options.toConfig(env);
        Hub hub = Hub.create(HubModules.server(config, out)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "hub-shutdown"));
        stopped.await();
        return HubCli.OK;
    }
}
