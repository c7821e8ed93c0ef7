package dev.weft.ui.model;

/** Where a run is. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCESS, ERROR, INTERRUPTED, CANCELLED;

    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }
}
