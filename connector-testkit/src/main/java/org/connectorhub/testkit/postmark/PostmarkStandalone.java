package org.connectorhub.testkit.postmark;

import java.util.concurrent.CountDownLatch;

/** The fake as a program of its own ({@link FakePostmark#main}): arguments, seeding, printing. */
final class PostmarkStandalone {
    private PostmarkStandalone() {
    }

    /** The {@code --port N} (or {@code --port=N}) argument, 8081 without one. */
    static int port(String[] args) {
        int port = 8081;
        for (int i = 0; i < args.length; i++) {
            String value;
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number: " + value);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0..65535: " + port);
            }
        }
        return port;
    }

    /**
     * Runs the fake until interrupted: {@code --port N} (default 8081). Seeds one server (with a
     * template, a bounce), one account token, a sender signature and a domain, and prints the base
     * URL and the fake tokens.
     */
    static void run(String[] args) throws InterruptedException {
        int port;
        try {
            port = port(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: FakePostmark [--port N]   (default 8081)");
            System.exit(2);
            return;
        }
        FakePostmark fake = FakePostmark.start(port);
        FakePostmark.Demo demo = fake.seedDemo();
        FakePostmark.Server server = demo.server();
        String accountToken = demo.accountToken();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-postmark-shutdown"));
        // fake tokens, printed on purpose: this is a demo server with nothing behind it
        System.out.println("Fake Postmark listening on " + fake.baseUri());
        System.out.println("  server \"" + server.name() + "\" (ID " + server.id() + "), " + FakePostmark.SERVER_TOKEN_HEADER + ": "
                + server.serverToken());
        System.out.println("  " + FakePostmark.ACCOUNT_TOKEN_HEADER + ": " + accountToken);
        System.out.println("  test token: " + FakePostmark.TEST_TOKEN);
        System.out.println("  try: curl -H 'Accept: application/json' -H '" + FakePostmark.SERVER_TOKEN_HEADER + ": "
                + server.serverToken() + "' " + fake.baseUri() + "/server");
        System.out.println("Ctrl-C to stop.");
        stopped.await();
    }
}
