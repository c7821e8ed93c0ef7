package dev.weft.cli;

/** The {@code weft} command. Sub-commands arrive with the executor; for now it only says so. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("weft: no commands yet");
        System.exit(2);
    }
}
