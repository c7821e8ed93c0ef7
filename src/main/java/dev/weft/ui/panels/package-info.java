/** The side and bottom panels: node library, inspector (ControlsFX property sheet), run queue, log and preview. */
package dev.weft.ui.panels;
