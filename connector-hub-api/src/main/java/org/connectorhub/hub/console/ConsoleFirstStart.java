package org.connectorhub.hub.console;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.io.PrintStream;
import org.connectorhub.hub.lifecycle.Lifecycle;
import org.connectorhub.hub.projects.ProjectBootstrap;

/**
 * At the first start (no sign-in link was ever issued for the default project) prints one on the
 * console, next to the API key ProjectBootstrap prints; never in the log. Runs once the server is
 * up, so the link names the port it is bound to.
 */
@Singleton
public final class ConsoleFirstStart implements Lifecycle {
    private final ConsoleSignIn signIn;
    private final PrintStream console;

    @Inject
    public ConsoleFirstStart(ConsoleSignIn signIn, @Named("console") PrintStream console) {
        this.signIn = requireNonNull(signIn, "signIn is null");
        this.console = requireNonNull(console, "console is null");
    }

    @Override
    public int phase() {
        return HTTP + 10;
    }

    @Override
    public void start() {
        if (signIn.everIssued(ProjectBootstrap.DEFAULT_PROJECT_ID)) {
            return;
        }
        ConsoleSignIn.SignInLink link = signIn.issue(ProjectBootstrap.DEFAULT_PROJECT_ID);
        console.println("Operator console sign-in link (valid 10 minutes, once): " + link.url());
        console.flush();
    }

    @Override
    public void stop() {
    }
}
