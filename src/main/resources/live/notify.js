// Telling an editor who is looking elsewhere that something reached SEVERE: a sound, a desktop
// notification, or both. Each is off until the editor turns it on, and the choice is remembered in
// this browser. The sound is made on the spot (Web Audio), so the page still loads nothing else.

const SOUND_KEY = 'crossfire.notify.sound';
const DESKTOP_KEY = 'crossfire.notify.desktop';
/** A burst of SEVERE alerts (a replay, a reconnection) makes one sound, not a din. */
const SOUND_GAP_MS = 10 * 1000;

export class Notifier {
  /**
   * @param open called with an item's key when the editor clicks its desktop notification
   */
  constructor(soundBox, desktopBox, desktopLabel, note, open) {
    this.soundBox = soundBox;
    this.desktopBox = desktopBox;
    this.note = note;
    this.open = open;
    this.audio = null;
    this.lastSound = 0;
    this.count = 0;

    soundBox.checked = localStorage.getItem(SOUND_KEY) === 'true';
    soundBox.addEventListener('change', () => {
      localStorage.setItem(SOUND_KEY, String(soundBox.checked));
      if (soundBox.checked) this.beep(); // the click lets the page make sound, and the editor hears what it will be
    });
    // a browser lets a page make sound only after the editor has done something on it
    const unlock = () => {
      if (this.audio && this.audio.state === 'suspended') this.audio.resume().catch(() => {});
    };
    document.addEventListener('pointerdown', unlock, { capture: true });
    document.addEventListener('keydown', unlock, { capture: true });

    if (!('Notification' in window)) {
      desktopLabel.hidden = true;
      return;
    }
    desktopBox.checked = localStorage.getItem(DESKTOP_KEY) === 'true' && Notification.permission === 'granted';
    desktopBox.addEventListener('change', async () => {
      this.say('');
      if (desktopBox.checked && Notification.permission !== 'granted') {
        const answer = await Notification.requestPermission().catch(() => 'denied');
        if (answer !== 'granted') {
          desktopBox.checked = false;
          this.say('The browser does not allow notifications from this page; see its site settings.');
        }
      }
      localStorage.setItem(DESKTOP_KEY, String(desktopBox.checked));
    });
  }

  say(text) {
    this.note.textContent = text;
    this.note.hidden = !text;
  }

  /** Items that have just reached SEVERE, each {key, title, body}. */
  announce(items) {
    if (items.length === 0 || !(this.soundBox.checked || this.desktopBox.checked)) return;
    this.count += items.length;
    document.documentElement.dataset.notified = String(this.count); // for a test, and for the curious
    if (this.soundBox.checked && Date.now() - this.lastSound > SOUND_GAP_MS) {
      this.lastSound = Date.now();
      this.beep();
    }
    if (this.desktopBox.checked && 'Notification' in window && Notification.permission === 'granted') {
      const one = items.length === 1;
      const shown = new Notification(one ? items[0].title : items.length + ' new SEVERE on the crossfire desk', {
        body: one ? items[0].body : items.map((i) => i.title).slice(0, 5).join('\n'),
        tag: 'crossfire-severe', // a newer one replaces an older one not yet read
      });
      shown.onclick = () => {
        window.focus();
        this.open(items[0].key);
        shown.close();
      };
    }
  }

  beep() {
    try {
      if (!this.audio) this.audio = new AudioContext();
      const ctx = this.audio;
      const start = ctx.currentTime + 0.02;
      [[880, 0], [660, 0.18]].forEach(([hz, at]) => {
        const tone = ctx.createOscillator();
        const gain = ctx.createGain();
        tone.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, start + at);
        gain.gain.exponentialRampToValueAtTime(0.25, start + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.16);
        tone.connect(gain).connect(ctx.destination);
        tone.start(start + at);
        tone.stop(start + at + 0.18);
      });
    } catch (e) {
      // no audio device or no Web Audio: the page goes on silently
    }
  }
}
