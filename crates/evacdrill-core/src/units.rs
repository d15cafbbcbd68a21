//! Newtypes for the quantities of the flow model.
//!
//! Every number that crosses a module boundary carries its unit in its type, so
//! that a width cannot be passed where a time is expected.

use serde::{Deserialize, Serialize};

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $unit:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            /// The unit as printed after the number.
            pub const UNIT: &'static str = $unit;

            /// The bare number.
            #[must_use]
            pub const fn get(self) -> f64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                if let Some(p) = f.precision() {
                    write!(f, "{:.*} {}", p, self.0, $unit)
                } else {
                    write!(f, "{} {}", self.0, $unit)
                }
            }
        }
    };
}

quantity!(
    /// A duration or a drill time, in seconds.
    Seconds,
    "s"
);
quantity!(
    /// A length or width, in metres.
    Metres,
    "m"
);
quantity!(
    /// A speed, in metres per second.
    MetresPerSecond,
    "m/s"
);
quantity!(
    /// A flow of people, in persons per second.
    PersonsPerSecond,
    "p/s"
);
quantity!(
    /// A specific flow, in persons per second per metre of effective width.
    SpecificFlow,
    "p/(s·m)"
);
quantity!(
    /// A crowd density, in persons per square metre.
    Density,
    "p/m²"
);
