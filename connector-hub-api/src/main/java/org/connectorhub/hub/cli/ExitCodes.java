package org.connectorhub.hub.cli;

/** The command line's exit codes, shared by every command wherever it lives. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
