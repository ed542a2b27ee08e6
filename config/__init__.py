"""Settings and YAML configuration (the root package: it imports no other duluan package)."""

from config.errors import ConfigError
from config.files import AppConfig, load_config
from config.settings import Settings, load_settings

__all__ = ["AppConfig", "ConfigError", "Settings", "load_config", "load_settings"]
