//! Light and dark chart themes, and the pixel scale for crisp drawing on high-DPI screens.

use plotters::style::RGBColor;

/// Colours and sizes shared by every chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub foreground: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    /// Device pixels per CSS pixel; every size is multiplied by it.
    pub scale: f64,
    pub font: &'static str,
}

impl Theme {
    pub fn light(scale: f64) -> Theme {
        Theme {
            background: RGBColor(0xFF, 0xFF, 0xFF),
            foreground: RGBColor(0x1F, 0x23, 0x28),
            muted: RGBColor(0x5B, 0x63, 0x6E),
            grid: RGBColor(0xE4, 0xE7, 0xEB),
            scale,
            font: "sans-serif",
        }
    }

    pub fn dark(scale: f64) -> Theme {
        Theme {
            background: RGBColor(0x1B, 0x1F, 0x24),
            foreground: RGBColor(0xE6, 0xE8, 0xEB),
            muted: RGBColor(0xA0, 0xA8, 0xB3),
            grid: RGBColor(0x30, 0x36, 0x3D),
            scale,
            font: "sans-serif",
        }
    }

    /// A length in device pixels.
    pub fn px(&self, css_px: f64) -> u32 {
        (css_px * self.scale).round().max(1.0) as u32
    }

    /// A font size in device pixels.
    pub fn font_px(&self, css_px: f64) -> f64 {
        css_px * self.scale
    }
}
