package dev.weft.exec;

/** A prompt was refused because it does not validate; {@link #report()} says why, per node. */
public final class ValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ValidationReport report;

    public ValidationException(ValidationReport report) {
        super(summary(report));
        if (report.ok()) {
            throw new IllegalArgumentException("a ValidationException needs at least one error");
        }
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }

    private static String summary(ValidationReport report) {
        if (report.ok()) {
            return "no errors";
        }
        String first = report.errors().get(0).describe();
        int more = report.errors().size() - 1;
        return more == 0 ? first : first + " (and " + more + " more)";
    }
}
