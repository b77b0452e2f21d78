"""The window tests' platform folders are the test's own, and the cache folder is the one the whole
suite shares a fixture for (a second fixture setting it silently replaced the first)."""

import os


def test_the_cache_folder_is_the_suites_private_cache_and_the_others_are_the_tests_own(private_cache, private_dirs):
    assert os.environ["XDG_CACHE_HOME"] == str(private_cache)
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        assert os.environ[var] == str(private_dirs / var.lower())
