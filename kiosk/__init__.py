"""Lobby Kiosk: public disclosure on a touch screen and an LED display.

Plain-Python modules (content rules, cache, configuration, ...) live directly in this
package and never import Qt; everything that touches Qt lives in :mod:`kiosk.qt`.
"""

__version__ = "0.1.0"
