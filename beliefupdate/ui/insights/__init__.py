"""The Insights view: how conversations moved you, who moves you, drift, predictions, reaction and calibration."""
