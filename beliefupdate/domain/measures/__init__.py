"""Measures of how conversations move beliefs: pure functions over the journal's plain records.

Formulas, interpretations and sources: docs/measures.md.

Each name is loaded from its module when first asked for (PEP 562): the window's first
paint needs one formatting function, not every measure.
"""

from __future__ import annotations

import importlib

_MODULE_OF = {
    "belief_paths": "reaction",
    "bits": "evidence",
    "BitsTotal": "evidence",
    "brier": "scoring",
    "calibration_table": "calibration",
    "CalibrationBin": "calibration",
    "certainty_text": "evidence",
    "check_prediction": "prediction",
    "conversation_movement": "conversations",
    "conversation_movements": "conversations",
    "ConversationMovement": "conversations",
    "direction_consistency": "sources",
    "drift_by_conversation": "drift",
    "drift_by_proposition": "drift",
    "drift_segments": "drift",
    "DriftSegment": "drift",
    "DriftSummary": "drift",
    "Forecast": "scoring",
    "format_bits": "evidence",
    "format_evidence": "evidence",
    "format_likelihood_ratio": "evidence",
    "format_update_bits": "evidence",
    "influence_by_kind": "sources",
    "influence_by_person": "sources",
    "likelihood_ratio": "evidence",
    "log_odds": "evidence",
    "log_score": "scoring",
    "prediction_checks": "prediction",
    "PredictionCheck": "prediction",
    "PredictionSummary": "prediction",
    "reaction_path": "reaction",
    "ReactionPath": "reaction",
    "ReactionSummary": "reaction",
    "Reading": "reaction",
    "resolved_forecasts": "scoring",
    "restrict_to": "conversations",
    "retained_fraction": "drift",
    "score_proposition": "scoring",
    "ScoreSummary": "scoring",
    "ShiftSize": "conversations",
    "SourceInfluence": "sources",
    "summarize_drift": "drift",
    "summarize_predictions": "prediction",
    "summarize_reaction": "reaction",
    "summarize_scores": "scoring",
    "time_weighted": "scoring",
    "to_plain": "plain",
    "total_bits": "evidence",
    "update_size": "evidence",
    "UpdateSize": "evidence",
    "wilson_interval": "calibration",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once: found directly from then on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])
