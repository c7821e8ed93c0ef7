/** Pop-ups over the canvas: node search, widget and title editors, context menus and tooltips. */
package dev.weft.ui.popup;
