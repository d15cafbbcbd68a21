//! One class's release: the value the planner produces, the session follows,
//! the journal records and the simulator plays.
//!
//! One type, so that no module converts between its own copies of the same
//! four facts. Its JSON is a contract (the journal header and the session
//! file hold it): `{"class", "stairwell", "at_ms", "pace_pps"}`, the time in
//! whole milliseconds, the pace left out when it is the door's own rate.

pub mod rule;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::script::{ClassId, Script, StairwellId};
use crate::time::DrillTime;
use crate::units::{PersonsPerSecond, Seconds};

/// When, where and how fast one class is to be released.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
// The name the session file's JSON Schema has always given it.
#[schemars(
    rename = "PlannedRelease",
    description = "When and where one class is to be released."
)]
pub struct Release {
    pub class: ClassId,
    pub stairwell: StairwellId,
    /// Planned release, in milliseconds after the signal.
    #[serde(rename = "at_ms")]
    #[schemars(with = "u64")]
    pub at: DrillTime,
    /// The pace the teacher and marshal keep at the stair head, in persons
    /// per second; absent means the classroom door's own rate.
    #[serde(rename = "pace_pps", default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<f64>")]
    pub pace: Option<PersonsPerSecond>,
}

impl Release {
    /// The planned release in seconds after the signal, for the flow model.
    #[must_use]
    pub fn seconds(&self) -> Seconds {
        self.at.seconds()
    }

    /// The pace the class files out at: its own, never above its door's
    /// rate, or the door's rate when it has none.
    #[must_use]
    pub fn pace_in(&self, script: &Script) -> PersonsPerSecond {
        let door = script
            .class(&self.class)
            .map_or(script.speeds.door_rate, |c| script.door_rate(c));
        PersonsPerSecond(self.pace.map_or(door.0, |p| p.0.min(door.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(pace: Option<f64>) -> Release {
        Release {
            class: ClassId("3-2".into()),
            stairwell: StairwellId("A".into()),
            at: DrillTime(40_500),
            pace: pace.map(PersonsPerSecond),
        }
    }

    #[test]
    fn json_is_the_journal_and_session_file_contract() {
        let with = release(Some(0.6));
        let text = serde_json::to_string(&with).unwrap();
        assert_eq!(
            text,
            r#"{"class":"3-2","stairwell":"A","at_ms":40500,"pace_pps":0.6}"#
        );
        assert_eq!(serde_json::from_str::<Release>(&text).unwrap(), with);

        let without = release(None);
        let text = serde_json::to_string(&without).unwrap();
        assert_eq!(text, r#"{"class":"3-2","stairwell":"A","at_ms":40500}"#);
        assert_eq!(serde_json::from_str::<Release>(&text).unwrap(), without);
    }

    #[test]
    fn older_files_with_a_null_pace_still_read() {
        let r: Release = serde_json::from_str(
            r#"{"class":"3-2","stairwell":"A","at_ms":40500,"pace_pps":null}"#,
        )
        .unwrap();
        assert_eq!(r, release(None));
    }
}
