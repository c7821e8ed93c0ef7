package dev.weft.ui.model;

/** A node's place in the latest run, as its badge shows it. */
public enum NodeStatus {
    /** Not part of a run, or the run ended without reaching it. */
    IDLE,
    /** In a queued or started run, waiting for its turn. */
    QUEUED,
    /** Executing now. */
    RUNNING,
    /** Its output came from the cache. */
    CACHED,
    /** Executed in the latest run. */
    DONE,
    /** Failed, or refused by validation. */
    ERROR
}
