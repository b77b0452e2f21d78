"""Measures of how conversations move beliefs: pure functions over the journal's plain records.

Formulas, interpretations and sources: docs/measures.md.
"""

from beliefupdate.domain.measures.calibration import CalibrationBin, calibration_table, wilson_interval
from beliefupdate.domain.measures.conversations import (
    ConversationMovement,
    ShiftSize,
    conversation_movement,
    conversation_movements,
    restrict_to,
)
from beliefupdate.domain.measures.drift import (
    DriftSegment,
    DriftSummary,
    drift_by_conversation,
    drift_by_proposition,
    drift_segments,
    retained_fraction,
    summarize_drift,
)
from beliefupdate.domain.measures.evidence import (
    BitsTotal,
    UpdateSize,
    bits,
    certainty_text,
    format_bits,
    format_evidence,
    format_likelihood_ratio,
    format_update_bits,
    likelihood_ratio,
    log_odds,
    total_bits,
    update_size,
)
from beliefupdate.domain.measures.plain import to_plain
from beliefupdate.domain.measures.prediction import (
    PredictionCheck,
    PredictionSummary,
    check_prediction,
    prediction_checks,
    summarize_predictions,
)
from beliefupdate.domain.measures.reaction import (
    Reading,
    ReactionPath,
    ReactionSummary,
    belief_paths,
    reaction_path,
    summarize_reaction,
)
from beliefupdate.domain.measures.scoring import (
    Forecast,
    ScoreSummary,
    brier,
    log_score,
    resolved_forecasts,
    score_proposition,
    summarize_scores,
    time_weighted,
)
from beliefupdate.domain.measures.sources import (
    SourceInfluence,
    direction_consistency,
    influence_by_kind,
    influence_by_person,
)

__all__ = [
    "BitsTotal",
    "CalibrationBin",
    "ConversationMovement",
    "DriftSegment",
    "DriftSummary",
    "Forecast",
    "PredictionCheck",
    "PredictionSummary",
    "ReactionPath",
    "ReactionSummary",
    "Reading",
    "ScoreSummary",
    "ShiftSize",
    "SourceInfluence",
    "UpdateSize",
    "belief_paths",
    "bits",
    "brier",
    "calibration_table",
    "certainty_text",
    "check_prediction",
    "conversation_movement",
    "conversation_movements",
    "direction_consistency",
    "drift_by_conversation",
    "drift_by_proposition",
    "drift_segments",
    "format_bits",
    "format_evidence",
    "format_likelihood_ratio",
    "format_update_bits",
    "influence_by_kind",
    "influence_by_person",
    "likelihood_ratio",
    "log_odds",
    "log_score",
    "prediction_checks",
    "reaction_path",
    "resolved_forecasts",
    "restrict_to",
    "retained_fraction",
    "score_proposition",
    "summarize_drift",
    "summarize_predictions",
    "summarize_reaction",
    "summarize_scores",
    "time_weighted",
    "to_plain",
    "total_bits",
    "update_size",
    "wilson_interval",
]
