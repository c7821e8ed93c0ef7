/**
 * Running workflows from the editor: the {@link dev.weft.ui.run.RunService} seam (the real
 * executor behind {@link dev.weft.ui.run.ExecutorRunService}), Run and run-on-change
 * ({@link dev.weft.ui.run.RunController}), the debounce, and the coalescing hand-over of engine
 * events to the UI thread ({@link dev.weft.ui.run.EventCoalescer}). No JavaFX.
 */
package dev.weft.ui.run;
