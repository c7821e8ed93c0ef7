/**
 * Files for the editor: open, save and export ({@link dev.weft.ui.files.DocumentIo}), dropped files,
 * images copied into the input folder, and the crash-recovery copy kept by
 * {@link dev.weft.ui.files.Autosaver}. No JavaFX.
 */
package dev.weft.ui.files;
