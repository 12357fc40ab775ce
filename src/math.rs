//! The few transcendental functions the drawing needs (node angles, the log-scale speed
//! slider, the space-time diagram's scale steps), from the browser's `Math` in the page. Rust's own come from libm compiled into the
//! wasm, about 10 KB of it for `sin`, `cos`, `log10` and `powf` (and `exp2` with its table of 256 values, `log2`); natively (the unit tests) the
//! standard library's are used. Neither feeds the simulation, which draws no floats.

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn sin(x: f64) -> f64 {
        js_sys::Math::sin(x)
    }
    pub fn cos(x: f64) -> f64 {
        js_sys::Math::cos(x)
    }
    pub fn log10(x: f64) -> f64 {
        js_sys::Math::log10(x)
    }
    pub fn pow(x: f64, y: f64) -> f64 {
        js_sys::Math::pow(x, y)
    }
    pub fn log2(x: f64) -> f64 {
        js_sys::Math::log2(x)
    }
    pub fn exp2(x: f64) -> f64 {
        js_sys::Math::pow(2.0, x)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn log10(x: f64) -> f64 {
        x.log10()
    }
    pub fn pow(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    pub fn log2(x: f64) -> f64 {
        x.log2()
    }
    pub fn exp2(x: f64) -> f64 {
        x.exp2()
    }
}

pub use imp::{cos, exp2, log10, log2, pow, sin};
