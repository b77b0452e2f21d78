"""Measures of how conversations move beliefs: pure functions over the journal's plain records.

Formulas, interpretations and sources: docs/measures.md.

Each name is loaded from its module when first asked for (PEP 562): the window's first
paint needs one formatting function, not every measure.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    # What the type checker reads instead of __getattr__, which it cannot see through: every name of
    # _MODULE_OF from its module, so that each keeps its own type (the test of the package checks the two agree).
    from beliefupdate.domain.measures.calibration import (
        CalibrationBin as CalibrationBin,
    )
    from beliefupdate.domain.measures.calibration import (
        calibration_table as calibration_table,
    )
    from beliefupdate.domain.measures.calibration import (
        wilson_interval as wilson_interval,
    )
    from beliefupdate.domain.measures.conversations import (
        ConversationMovement as ConversationMovement,
    )
    from beliefupdate.domain.measures.conversations import (
        ShiftSize as ShiftSize,
    )
    from beliefupdate.domain.measures.conversations import (
        conversation_movement as conversation_movement,
    )
    from beliefupdate.domain.measures.conversations import (
        conversation_movements as conversation_movements,
    )
    from beliefupdate.domain.measures.conversations import (
        restrict_to as restrict_to,
    )
    from beliefupdate.domain.measures.drift import (
        DriftSegment as DriftSegment,
    )
    from beliefupdate.domain.measures.drift import (
        DriftSummary as DriftSummary,
    )
    from beliefupdate.domain.measures.drift import (
        drift_by_conversation as drift_by_conversation,
    )
    from beliefupdate.domain.measures.drift import (
        drift_by_proposition as drift_by_proposition,
    )
    from beliefupdate.domain.measures.drift import (
        drift_segments as drift_segments,
    )
    from beliefupdate.domain.measures.drift import (
        retained_fraction as retained_fraction,
    )
    from beliefupdate.domain.measures.drift import (
        summarize_drift as summarize_drift,
    )
    from beliefupdate.domain.measures.evidence import (
        BitsTotal as BitsTotal,
    )
    from beliefupdate.domain.measures.evidence import (
        UpdateSize as UpdateSize,
    )
    from beliefupdate.domain.measures.evidence import (
        bits as bits,
    )
    from beliefupdate.domain.measures.evidence import (
        certainty_text as certainty_text,
    )
    from beliefupdate.domain.measures.evidence import (
        format_bits as format_bits,
    )
    from beliefupdate.domain.measures.evidence import (
        format_evidence as format_evidence,
    )
    from beliefupdate.domain.measures.evidence import (
        format_likelihood_ratio as format_likelihood_ratio,
    )
    from beliefupdate.domain.measures.evidence import (
        format_update_bits as format_update_bits,
    )
    from beliefupdate.domain.measures.evidence import (
        likelihood_ratio as likelihood_ratio,
    )
    from beliefupdate.domain.measures.evidence import (
        log_odds as log_odds,
    )
    from beliefupdate.domain.measures.evidence import (
        total_bits as total_bits,
    )
    from beliefupdate.domain.measures.evidence import (
        update_size as update_size,
    )
    from beliefupdate.domain.measures.plain import (
        to_plain as to_plain,
    )
    from beliefupdate.domain.measures.prediction import (
        PredictionCheck as PredictionCheck,
    )
    from beliefupdate.domain.measures.prediction import (
        PredictionSummary as PredictionSummary,
    )
    from beliefupdate.domain.measures.prediction import (
        check_prediction as check_prediction,
    )
    from beliefupdate.domain.measures.prediction import (
        prediction_checks as prediction_checks,
    )
    from beliefupdate.domain.measures.prediction import (
        summarize_predictions as summarize_predictions,
    )
    from beliefupdate.domain.measures.reaction import (
        ReactionPath as ReactionPath,
    )
    from beliefupdate.domain.measures.reaction import (
        ReactionSummary as ReactionSummary,
    )
    from beliefupdate.domain.measures.reaction import (
        Reading as Reading,
    )
    from beliefupdate.domain.measures.reaction import (
        belief_paths as belief_paths,
    )
    from beliefupdate.domain.measures.reaction import (
        reaction_path as reaction_path,
    )
    from beliefupdate.domain.measures.reaction import (
        summarize_reaction as summarize_reaction,
    )
    from beliefupdate.domain.measures.scoring import (
        Forecast as Forecast,
    )
    from beliefupdate.domain.measures.scoring import (
        ScoreSummary as ScoreSummary,
    )
    from beliefupdate.domain.measures.scoring import (
        brier as brier,
    )
    from beliefupdate.domain.measures.scoring import (
        log_score as log_score,
    )
    from beliefupdate.domain.measures.scoring import (
        resolved_forecasts as resolved_forecasts,
    )
    from beliefupdate.domain.measures.scoring import (
        score_proposition as score_proposition,
    )
    from beliefupdate.domain.measures.scoring import (
        summarize_scores as summarize_scores,
    )
    from beliefupdate.domain.measures.scoring import (
        time_weighted as time_weighted,
    )
    from beliefupdate.domain.measures.sources import (
        SourceInfluence as SourceInfluence,
    )
    from beliefupdate.domain.measures.sources import (
        direction_consistency as direction_consistency,
    )
    from beliefupdate.domain.measures.sources import (
        influence_by_kind as influence_by_kind,
    )
    from beliefupdate.domain.measures.sources import (
        influence_by_person as influence_by_person,
    )

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
