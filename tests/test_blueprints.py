"""Tests for the automation blueprints, run through Home Assistant's blueprint machinery.

Each blueprint is copied into the configuration's blueprint folder, an automation
uses it, and real inputs (a button press, a cold room, the clock) make it act.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from datetime import timedelta
from pathlib import Path
import shutil
from typing import Any, cast

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import selector
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util, yaml as yaml_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.als_comfort.const import DOMAIN

from .conftest import set_temperature

BLUEPRINTS = Path(__file__).parent.parent / "blueprints" / "automation" / DOMAIN
BEDSIDE = "bedside_button_logs_cramp.yaml"
ANNOUNCE = "announce_high_risk.yaml"
WEEKLY = "weekly_export_to_clinician.yaml"
UNANSWERED = "unanswered_alert_sounds.yaml"
HELP = "bedside_button_calls_for_help.yaml"
SOURCE = "https://github.com/als-comfort/als_comfort/blob/main/blueprints/automation"
PERSON = "01KALSCOMFORTTESTENTRY0000"
AUTOMATION = "automation.blueprint_under_test"
CRAMP_RISK = "sensor.diane_cramp_risk"
BUTTON = "input_button.bedside"
SPEAKERS = ["media_player.bedroom", "media_player.kitchen"]
TTS = "tts.home_assistant_cloud"

pytestmark = pytest.mark.freeze_time("2026-11-25 23:00:00+00:00")


@pytest.fixture
def hass_config_dir(hass_tmp_config_dir: str) -> str:
    """Give each test a configuration folder of its own for the copied blueprints."""
    return hass_tmp_config_dir


@pytest.fixture(autouse=True)
async def turn_automations_off(hass: HomeAssistant) -> AsyncGenerator[None]:
    """Turn the automations off after each test, detaching their time triggers."""
    yield
    if hass.services.has_service("automation", "turn_off"):
        await hass.services.async_call(
            "automation", "turn_off", {"entity_id": "all"}, blocking=True
        )


async def _use_blueprint(
    hass: HomeAssistant, name: str, inputs: dict[str, Any]
) -> None:
    """Install a blueprint as a user would and start an automation that uses it."""
    folder = Path(hass.config.path("blueprints", "automation", DOMAIN))
    await hass.async_add_executor_job(_copy, BLUEPRINTS / name, folder)
    config = {
        "alias": "Blueprint under test",
        "use_blueprint": {"path": f"{DOMAIN}/{name}", "input": inputs},
    }
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
    # An automation whose blueprint produced an invalid config is unavailable.
    assert _state(hass, AUTOMATION) == "on"


def _copy(source: Path, folder: Path) -> None:
    """Copy a blueprint file into a folder, creating it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / source.name)


def _state(hass: HomeAssistant, entity_id: str) -> str:
    """Return an entity's state; the entity must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


async def _settle(hass: HomeAssistant) -> None:
    """Let the automation and the integration finish what they started."""
    await hass.async_block_till_done(wait_background_tasks=True)


async def _tick(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **delta: float
) -> None:
    """Move the clock on and run what became due."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    await _settle(hass)


async def _episodes(hass: HomeAssistant) -> list[dict[str, Any]]:
    """Return Diane's logged episodes, read back with the export action."""
    response = await hass.services.async_call(
        DOMAIN,
        "export_log",
        {"config_entry_id": PERSON},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    episodes: list[dict[str, Any]] = response["episodes"]  # type: ignore[assignment]
    return episodes


async def _log(hass: HomeAssistant, service: str, **fields: Any) -> None:
    """Log an episode or an activity for Diane."""
    await hass.services.async_call(
        DOMAIN, service, {"config_entry_id": PERSON, **fields}, blocking=True
    )
    await _settle(hass)


# --- Every blueprint file -------------------------------------------------------


def _blueprint_files() -> list[Path]:
    """Return every blueprint file shipped in the folder."""
    return sorted(BLUEPRINTS.glob("*.yaml"))


def test_every_blueprint_is_run_in_a_test() -> None:
    """A blueprint added to the folder needs a test below that runs it."""
    assert {path.name for path in _blueprint_files()} == {
        BEDSIDE,
        ANNOUNCE,
        WEEKLY,
        UNANSWERED,
        HELP,
    }


@pytest.mark.parametrize("path", _blueprint_files(), ids=lambda path: path.name)
def test_every_file_is_a_valid_blueprint(path: Path) -> None:
    """Each file is an automation blueprint this Home Assistant accepts, fully described."""
    data = yaml_util.load_yaml_dict(path)
    blueprint = Blueprint(
        data,
        path=path.name,
        expected_domain="automation",
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )
    assert blueprint.validate() is None  # the min_version is met
    metadata = blueprint.metadata
    assert metadata["source_url"] == f"{SOURCE}/{DOMAIN}/{path.name}"
    assert metadata["name"].startswith("ALS Comfort")
    assert len(metadata["description"]) > 200
    assert "mode" in blueprint.data  # chosen, not left to the default
    # Every input is used, and every input says what it is.
    assert yaml_util.extract_inputs(blueprint.data) == set(blueprint.inputs)
    for key, spec in blueprint.inputs.items():
        assert spec.get("name"), key
        field = cast(Callable[[Any], Any], selector.selector(spec["selector"]))
        if "default" in spec:
            field(spec["default"])


# --- Bedside button ---------------------------------------------------------------


@pytest.fixture
async def bedside_button(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A bedside button (an input_button stands in for a Zigbee or Z-Wave one)."""
    assert await async_setup_component(
        hass, "input_button", {"input_button": {"bedside": {"name": "Bedside"}}}
    )


async def _press(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Press the bedside button a second after whatever happened before."""
    await _tick(hass, freezer, seconds=1)
    await hass.services.async_call(
        "input_button", "press", {"entity_id": BUTTON}, blocking=True
    )
    await _settle(hass)


PRESS = [{"trigger": "state", "entity_id": BUTTON}]


@pytest.mark.usefixtures("bedside_button")
async def test_button_logs_a_cramp_and_confirms(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A press logs a calf cramp of severity 6 in Diane's log, then chimes."""
    chimes = async_mock_service(hass, "media_player", "play_media")
    chime = {
        "action": "media_player.play_media",
        "target": {"entity_id": "media_player.bedroom"},
        "data": {"media_content_id": "chime.mp3", "media_content_type": "music"},
    }
    await _use_blueprint(
        hass,
        BEDSIDE,
        {
            "person": PERSON,
            "press": PRESS,
            "body_area": "calf",
            "severity": 6,
            "confirmation": [chime],
        },
    )
    assert await _episodes(hass) == []

    await _press(hass, freezer)

    [episode] = await _episodes(hass)
    assert (episode["kind"], episode["body_area"], episode["severity"]) == (
        "cramp",
        "calf",
        6,
    )
    assert episode["when"] == dt_util.utcnow().isoformat()
    assert _state(hass, "sensor.diane_cramps_24h") == "1"
    assert [call.data["media_content_id"] for call in chimes] == ["chime.mp3"]


@pytest.mark.usefixtures("bedside_button")
async def test_defaults_log_a_plain_cramp_from_any_trigger(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """With only a person and a remote's event, a cramp is logged with no area or severity."""
    remote = {
        "trigger": "event",
        "event_type": "zha_event",
        "event_data": {"device_ieee": "00:11:22:33", "command": "on"},
    }
    await _use_blueprint(hass, BEDSIDE, {"person": PERSON, "press": [remote]})

    hass.bus.async_fire(
        "zha_event", {"device_ieee": "00:11:22:33", "command": "off"}
    )  # another button of the remote
    await _settle(hass)
    assert await _episodes(hass) == []

    hass.bus.async_fire("zha_event", {"device_ieee": "00:11:22:33", "command": "on"})
    await _settle(hass)

    [episode] = await _episodes(hass)
    assert (episode["kind"], episode["body_area"]) == ("cramp", "unspecified")
    assert episode.get("severity") is None


@pytest.mark.usefixtures("bedside_button")
async def test_repeated_presses_log_one_cramp(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A shaky double press logs one cramp; a press after the repeat time logs another."""
    await _use_blueprint(
        hass,
        BEDSIDE,
        {"person": PERSON, "press": PRESS, "kind": "spasticity", "ignore_repeats": 20},
    )

    await _press(hass, freezer)
    await _press(hass, freezer)
    await _tick(hass, freezer, seconds=10)
    await _press(hass, freezer)
    assert [episode["kind"] for episode in await _episodes(hass)] == ["spasticity"]

    await _tick(hass, freezer, seconds=10)
    await _press(hass, freezer)
    assert len(await _episodes(hass)) == 2


# --- Announcing high risk -----------------------------------------------------------


@pytest.fixture
def speak(hass: HomeAssistant) -> list[ServiceCall]:
    """A text-to-speech engine that records what it was asked to say."""
    calls: list[ServiceCall] = async_mock_service(hass, "tts", "speak")
    return calls


async def _announcing(hass: HomeAssistant, **inputs: Any) -> None:
    """Start announcing Diane's high risk on the bedroom and kitchen speakers."""
    await _use_blueprint(
        hass,
        ANNOUNCE,
        {
            "risk_sensor": CRAMP_RISK,
            "tts_engine": TTS,
            "media_players": SPEAKERS,
            **inputs,
        },
    )


async def _make_risk_high(hass: HomeAssistant) -> None:
    """A cold bedroom at night and a cramp just logged: the risk is high."""
    set_temperature(hass, 17)
    await _log(hass, "log_episode", kind="cramp", body_area="calf", severity=3)
    assert _state(hass, CRAMP_RISK) == "high"


async def _warm_and_cool_again(hass: HomeAssistant) -> None:
    """The room warms a little (risk no longer high) and cools again (high)."""
    set_temperature(hass, 20.5)
    await _settle(hass)
    assert _state(hass, CRAMP_RISK) != "high"
    set_temperature(hass, 17)
    await _settle(hass)
    assert _state(hass, CRAMP_RISK) == "high"


@pytest.mark.usefixtures("init_integration")
async def test_high_risk_is_announced_with_its_reasons(
    hass: HomeAssistant, speak: list[ServiceCall]
) -> None:
    """The speakers say that the risk is high and why, in plain words."""
    await _announcing(hass)
    set_temperature(hass, 17)  # elevated: cold room at night, not yet high
    await _settle(hass)
    assert _state(hass, CRAMP_RISK) == "elevated"
    assert speak == []

    await _make_risk_high(hass)

    [call] = speak
    assert call.data["entity_id"] == [TTS]
    assert call.data["media_player_entity_id"] == SPEAKERS
    assert call.data["message"] == (
        "Diane's cramp risk is high: a cramp was logged recently and the bedroom "
        "is cold at night."
    )
    assert "language" not in call.data


@pytest.mark.usefixtures("init_integration")
async def test_long_stillness_is_announced_in_words(
    hass: HomeAssistant, speak: list[ServiceCall]
) -> None:
    """Turned two hours ago in a cold room at night: high, and it says why."""
    await _announcing(hass)
    set_temperature(hass, 17)
    await _log(hass, "log_repositioned", when="2026-11-25T21:00:00+00:00")
    [call] = speak
    assert call.data["message"] == (
        "Diane's cramp risk is high: Diane has not moved for a long time and the "
        "bedroom is cold at night."
    )


@pytest.mark.usefixtures("init_integration")
async def test_language_and_closing_words(
    hass: HomeAssistant, speak: list[ServiceCall]
) -> None:
    """A chosen language reaches the engine and the closing words end the message."""
    await _announcing(
        hass, language=" en-GB ", closing_words="Time for the warm blanket."
    )
    await _make_risk_high(hass)

    [call] = speak
    assert call.data["language"] == "en-GB"
    assert call.data["message"].endswith("cold at night. Time for the warm blanket.")


@pytest.mark.parametrize(("quiet_after", "announcements"), [(60, 1), (0, 2)])
@pytest.mark.usefixtures("init_integration")
async def test_risk_rising_again_is_announced_after_the_quiet_time(
    hass: HomeAssistant,
    speak: list[ServiceCall],
    quiet_after: int,
    announcements: int,
) -> None:
    """High, not high, high again: announced again only without a quiet time."""
    await _announcing(hass, quiet_after=quiet_after)
    await _make_risk_high(hass)
    await _warm_and_cool_again(hass)
    assert len(speak) == announcements


@pytest.mark.parametrize(
    ("window", "announcements"),
    [
        pytest.param(("07:00:00", "22:00:00"), 0, id="daytime-only"),
        pytest.param(("22:00:00", "07:00:00"), 1, id="overnight"),
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_announcements_only_inside_the_time_window(
    hass: HomeAssistant,
    speak: list[ServiceCall],
    window: tuple[str, str],
    announcements: int,
) -> None:
    """At 23:00 a daytime-only window stays silent; an overnight window speaks."""
    await _announcing(hass, announce_from=window[0], announce_until=window[1])
    await _make_risk_high(hass)
    assert len(speak) == announcements


async def test_reload_with_high_risk_is_not_announced_again(
    hass: HomeAssistant, init_integration: MockConfigEntry, speak: list[ServiceCall]
) -> None:
    """Reloading the person (new options) with the risk still high says nothing new."""
    await _announcing(hass, quiet_after=0)
    await _make_risk_high(hass)
    assert len(speak) == 1

    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await _settle(hass)

    assert _state(hass, CRAMP_RISK) == "high"
    assert len(speak) == 1


# --- Weekly export to the clinician --------------------------------------------------

WEEKLY_SUMMARY = """\
Diane, Mon 16 Nov to Mon 23 Nov 2026:

Cramps: 1
Spasticity episodes: 1
Fasciculations: 0
Activity: 1 logged, 30 min in all

- Fri 20 Nov 10:00, Cramp, Calf, severity 7/10, 5 min
- Sat 21 Nov 10:00, Spasticity, Hand"""
NOTE = "after the long walk, left calf, took magnesium"


@pytest.fixture
async def week_of_log(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Saturday 21 November: a week of Diane's log, one cramp with a note."""
    # Too old by Monday.
    await _log(hass, "log_episode", kind="cramp", when=_ago(days=6))
    await _log(
        hass,
        "log_episode",
        kind="cramp",
        body_area="calf",
        severity=7,
        duration_minutes=5,
        note=NOTE,
        when=_ago(days=1),
    )
    await _log(hass, "log_episode", kind="spasticity", body_area="hand")
    await _log(hass, "log_activity", minutes=30, intensity="moderate")


def _ago(**delta: float) -> str:
    """Return an ISO time this long before now."""
    return (dt_util.utcnow() - timedelta(**delta)).isoformat()


async def _at(hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str) -> None:
    """Move the clock to a moment (UTC, which is London's time in November)."""
    freezer.move_to(when)
    async_fire_time_changed(hass)
    await _settle(hass)


@pytest.mark.freeze_time("2026-11-21 10:00:00+00:00")
@pytest.mark.usefixtures("week_of_log")
async def test_weekly_summary_without_notes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Monday 08:00, not before: the e-mail and the phone get the week, without notes."""
    emails = async_mock_service(hass, "notify", "smtp")
    messages = async_mock_service(hass, "notify", "send_message")
    await _use_blueprint(
        hass,
        WEEKLY,
        {
            "person": PERSON,
            "notify_action": "notify.smtp",
            "notify_entities": ["notify.clinic_inbox"],
        },
    )

    await _at(hass, freezer, "2026-11-22 08:00:00+00:00")  # a Sunday
    await _at(hass, freezer, "2026-11-23 07:59:00+00:00")
    assert emails == messages == []

    await _at(hass, freezer, "2026-11-23 08:00:00+00:00")

    [email] = emails
    assert email.data == {
        "title": "Cramp log of Diane: Mon 16 Nov to Mon 23 Nov 2026",
        "message": WEEKLY_SUMMARY,
    }
    [message] = messages
    assert message.data["entity_id"] == ["notify.clinic_inbox"]
    assert message.data["message"] == WEEKLY_SUMMARY
    assert "long walk" not in str(email.data) + str(message.data)


@pytest.mark.freeze_time("2026-11-21 10:00:00+00:00")
@pytest.mark.usefixtures("week_of_log")
async def test_weekly_summary_with_notes_when_opted_in(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Opted in, on Sunday at 18:30: each note follows its episode; `smtp` names the action."""
    emails = async_mock_service(hass, "notify", "smtp")
    await _use_blueprint(
        hass,
        WEEKLY,
        {
            "person": PERSON,
            "weekday": "sun",
            "at": "18:30:00",
            "notify_action": " smtp ",
            "include_notes": True,
        },
    )

    await _at(hass, freezer, "2026-11-21 18:30:00+00:00")  # a Saturday
    await _at(hass, freezer, "2026-11-22 18:29:00+00:00")
    assert emails == []
    await _at(hass, freezer, "2026-11-22 18:30:00+00:00")

    [email] = emails
    lines = email.data["message"].splitlines()
    cramp = lines.index("- Fri 20 Nov 10:00, Cramp, Calf, severity 7/10, 5 min")
    assert lines[cramp + 1] == f"  Note: {NOTE}"
    assert lines[cramp + 2] == "- Sat 21 Nov 10:00, Spasticity, Hand"


@pytest.mark.freeze_time("2026-11-21 10:00:00+00:00")
@pytest.mark.usefixtures("init_integration")
async def test_weekly_summary_of_an_empty_week(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A week with nothing logged is still reported, so the clinician knows."""
    messages = async_mock_service(hass, "notify", "send_message")
    await _use_blueprint(
        hass,
        WEEKLY,
        {"person": PERSON, "notify_entities": ["notify.clinic_inbox"]},
    )

    await _at(hass, freezer, "2026-11-23 08:00:00+00:00")

    [message] = messages
    assert message.data["message"].endswith(
        "Fasciculations: 0\nActivity: 0 logged, 0 min in all\n\nNo episodes were logged."
    )


# --- Sounding an unanswered alert -----------------------------------------------

ALERT_EVENT = "event.diane_comfort_alert"
SIRENS = ["siren.hallway"]
NOBODY = "Diane needs help and nobody has answered the alert. Please go to Diane now."


@pytest.fixture
def sirens(hass: HomeAssistant) -> dict[str, list[ServiceCall]]:
    """A siren that records when it was switched on and off."""
    return {
        service: async_mock_service(hass, "siren", service)
        for service in ("turn_on", "turn_off")
    }


async def _sounding(hass: HomeAssistant, **inputs: Any) -> None:
    """Sound Diane's unanswered alerts on the speakers and the hallway siren."""
    await _use_blueprint(
        hass,
        UNANSWERED,
        {
            "alert_event": ALERT_EVENT,
            "tts_engine": [TTS],
            "media_players": SPEAKERS,
            "sirens": SIRENS,
            **inputs,
        },
    )


async def _severe_cramp_nobody_answers(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A 9/10 cramp at 23:00; Paul, the only caregiver, does not answer."""
    await _log(hass, "log_episode", kind="cramp", body_area="calf", severity=9)
    await _tick(hass, freezer, minutes=10)  # everyone (Paul) again: escalated
    await _tick(hass, freezer, minutes=10)  # 23:20: unanswered
    assert _state(hass, ALERT_EVENT) == "2026-11-25T23:20:00.000+00:00"
    assert hass.states.get(ALERT_EVENT).attributes["event_type"] == "unanswered"


@pytest.mark.usefixtures("init_integration")
async def test_unanswered_alert_is_spoken_and_sounded(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speak: list[ServiceCall],
    sirens: dict[str, list[ServiceCall]],
) -> None:
    """Sent and passed on: silence; unanswered: the speakers and the siren, 30 s."""
    await _sounding(hass)
    await _log(hass, "log_episode", kind="cramp", body_area="calf", severity=9)
    await _tick(hass, freezer, minutes=10)
    assert speak == sirens["turn_on"] == []

    await _tick(hass, freezer, minutes=10)
    [call] = speak
    assert call.data["entity_id"] == [TTS]
    assert call.data["media_player_entity_id"] == SPEAKERS
    assert call.data["message"] == NOBODY
    assert [c.data["entity_id"] for c in sirens["turn_on"]] == [SIRENS]
    await _tick(hass, freezer, seconds=29)
    assert sirens["turn_off"] == []
    await _tick(hass, freezer, seconds=1)
    assert [c.data["entity_id"] for c in sirens["turn_off"]] == [SIRENS]

    await _tick(hass, freezer, minutes=10)  # the next round sounds again
    assert len(speak) == len(sirens["turn_on"]) == 2


@pytest.mark.usefixtures("init_integration")
async def test_acknowledging_silences_the_siren(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speak: list[ServiceCall],
    sirens: dict[str, list[ServiceCall]],
) -> None:
    """A siren set to 5 minutes stops as soon as someone acknowledges."""
    await _sounding(hass, siren_seconds=300, words="Wake up, Diane needs you.")
    await _severe_cramp_nobody_answers(hass, freezer)
    assert [call.data["message"] for call in speak] == ["Wake up, Diane needs you."]
    await _tick(hass, freezer, seconds=10)
    await _log(hass, "acknowledge_alert")
    assert [c.data["entity_id"] for c in sirens["turn_off"]] == [SIRENS]
    await _tick(hass, freezer, minutes=10)
    assert len(sirens["turn_off"]) == 1
    assert len(speak) == 1


async def test_no_sound_when_the_entity_comes_back(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    sirens: dict[str, list[ServiceCall]],
) -> None:
    """A reload restores the last `unanswered` event: that is not a new round."""
    await _sounding(hass, tts_engine=[], media_players=[])
    await _severe_cramp_nobody_answers(hass, freezer)
    await _tick(hass, freezer, seconds=30)
    assert len(sirens["turn_on"]) == 1
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await _settle(hass)
    assert len(sirens["turn_on"]) == 1


# --- Bedside button calls for help ------------------------------------------------


@pytest.mark.usefixtures("bedside_button")
async def test_long_press_calls_for_help(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A press calls every caregiver with the message, then chimes; repeats wait."""
    phone = async_mock_service(hass, "notify", "mobile_app_pauls_phone")
    chimes = async_mock_service(hass, "media_player", "play_media")
    chime = {
        "action": "media_player.play_media",
        "target": {"entity_id": "media_player.bedroom"},
        "data": {"media_content_id": "chime.mp3", "media_content_type": "music"},
    }
    await _use_blueprint(
        hass,
        HELP,
        {
            "person": PERSON,
            "press": PRESS,
            "message": " Bedside button ",
            "confirmation": [chime],
        },
    )

    await _press(hass, freezer)
    [sent] = phone
    assert sent.data["title"] == "Urgent: Diane needs help"
    assert sent.data["message"] == (
        "Diane asked for help: “Bedside button” Please go to Diane now."
    )
    assert len(chimes) == 1

    await _press(hass, freezer)  # a shaky hold: the same call
    assert len(phone) == 1
    await _tick(hass, freezer, seconds=30)
    await _press(hass, freezer)
    assert len(phone) == 2
