/** The editor's settings ({@code settings.json} in {@code ~/.weft} or an overridden folder). No JavaFX. */
package dev.weft.ui.settings;
