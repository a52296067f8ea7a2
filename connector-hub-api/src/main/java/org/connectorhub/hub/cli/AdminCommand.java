package org.connectorhub.hub.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectorhub.hub.HubModules;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.lifecycle.Lifecycle;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every admin command ({@code projects create}, {@code keys rotate}, ...) shares: the
 * environment and console it runs with, the configuration flags, and the hub's services without
 * HTTP, started for one piece of work and stopped after it.
 */
public abstract class AdminCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream console;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    @Mixin
    protected ConfigOptions options = new ConfigOptions();

    protected AdminCommand(Map<String, String> env, PrintStream console) {
        this.env = requireNonNull(env, "env is null");
        this.console = requireNonNull(console, "console is null");
    }

    /** What the command does with the hub's services. */
    protected interface Work {
        int run(Injector injector);
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Builds the hub (flags over the environment) and starts {@code services} in order, runs
     * {@code work}, then stops what was started in reverse, also when it fails.
     */
    protected final int withServices(List<Class<? extends Lifecycle>> services, Work work) {
        HubConfig config = options.toConfig(env);
        Injector injector = Guice.createInjector(HubModules.embedded(config, console));
        Deque<Lifecycle> started = new ArrayDeque<>();
        try {
            for (Class<? extends Lifecycle> service : services) {
                Lifecycle lifecycle = injector.getInstance(service);
                lifecycle.start();
                started.push(lifecycle);
            }
            return work.run(injector);
        } finally {
            while (!started.isEmpty()) {
                started.pop().stop();
            }
        }
    }
}
