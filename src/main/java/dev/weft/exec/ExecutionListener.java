package dev.weft.exec;

/** Receives executor events on the dispatcher thread; must return quickly. */
@FunctionalInterface
public interface ExecutionListener {
    void onEvent(ExecutionEvent event);
}
