/** Editor benchmarks: programs that print figures, never tests (see BENCHMARKS.md). */
package dev.weft.ui.bench;
