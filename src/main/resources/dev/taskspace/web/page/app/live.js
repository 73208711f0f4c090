// The live instruction box (taskspace serve only): type an instruction, the server embeds
// the corpus with it and projects it onto the existing layouts, and it appears as a task.
//   POST api/tasks {name, instruction} -> 202 {id}
//   GET  api/jobs/ID -> {state: queued|running|done|failed, stage, done, total, error}

import {el} from './dom.js';

const POLL_MS = 500;
const NAME = /^[a-z0-9][a-z0-9_-]*$/;

export class LivePanel {
  /** live: the server's {available, reason, maxName, maxInstruction}; currentMap(); onDone(taskName) */
  constructor(panel, opener, live, currentMap, onDone) {
    this.panel = panel;
    this.opener = opener;
    this.live = live;
    this.currentMap = currentMap;
    this.onDone = onDone;
    this.render();
  }

  render() {
    const {live} = this;
    this.instruction = el('textarea', {id: 'live-instruction', maxlength: String(live.maxInstruction || 1000),
      placeholder: 'e.g. Classify the emotion expressed in the given text', 'aria-label': 'Instruction'});
    this.name = el('input', {id: 'live-name', type: 'text', maxlength: String(live.maxName || 40), placeholder: 'task name, e.g. emotion',
      'aria-label': 'Task name', autocomplete: 'off', spellcheck: 'false'});
    this.button = el('button', {id: 'live-submit', type: 'button', text: 'Embed and add', onclick: () => this.submit()});
    this.progress = el('progress', {class: 'live-progress', max: '1', value: '0', hidden: true});
    this.message = el('p', {id: 'live-message', class: 'live-message', 'aria-live': 'polite'});
    const close = el('button', {type: 'button', text: '×', title: 'Close (the job goes on)', 'aria-label': 'Close', onclick: () => this.toggle(false)});
    this.panel.replaceChildren(el('h2', {}, el('span', {text: 'Your own instruction'}), close), this.instruction,
      el('div', {class: 'live-row'}, this.name, this.button), this.progress, this.message);
    this.opener.hidden = false;
    this.opener.addEventListener('click', () => this.toggle(this.panel.hidden));
    if (!live.available) {
      for (const c of [this.instruction, this.name, this.button]) c.disabled = true;
      this.say(live.reason || 'Not available here.', false);
    } else {
      this.say('The server embeds every text with it (minutes on a CPU), lays it out aligned with the others and adds it as a task.', false);
    }
  }

  toggle(open) {
    if (open) {
      // Below its button, inside the window.
      const r = this.opener.getBoundingClientRect();
      this.panel.style.top = `${Math.round(r.bottom + 6)}px`;
      this.panel.style.left = `${Math.round(Math.max(8, Math.min(r.left, window.innerWidth - this.panel.offsetWidth - 8, window.innerWidth - 448)))}px`;
    }
    this.panel.hidden = !open;
    if (open && !this.instruction.disabled) this.instruction.focus();
  }

  say(text, isError) {
    this.message.textContent = text;
    this.message.classList.toggle('error', Boolean(isError));
  }

  setBusy(busy) {
    for (const c of [this.instruction, this.name, this.button]) c.disabled = busy;
    this.progress.hidden = !busy;
    if (!busy) this.opener.textContent = '+ Your instruction';
  }

  /** Checks what the server would refuse anyway, to say it sooner. */
  check(name, instruction) {
    if (!instruction) return 'Type an instruction first.';
    if (!name) return 'Give the task a short name.';
    if (!NAME.test(name)) return 'Task names use lower-case letters, digits, - and _ (e.g. emotion).';
    if (this.currentMap().tasks.some((t) => t.name === name)) return `There is a task called “${name}” already.`;
    return null;
  }

  async submit() {
    const name = this.name.value.trim();
    const instruction = this.instruction.value.trim();
    const problem = this.check(name, instruction);
    if (problem) return this.say(problem, true);
    this.setBusy(true);
    this.progress.removeAttribute('value');
    this.say('Starting…', false);
    try {
      const response = await fetch('api/tasks', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({name, instruction})});
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(body.error || `the server answered HTTP ${response.status}`);
      await this.follow(body.id, name);
    } catch (e) {
      this.setBusy(false);
      this.say(`Could not add the task: ${e.message}`, true);
    }
  }

  async follow(id, name) {
    for (;;) {
      const response = await fetch(`api/jobs/${encodeURIComponent(id)}`, {cache: 'no-store'});
      const job = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(job.error || `the server answered HTTP ${response.status}`);
      if (job.state === 'failed') throw new Error(job.error || 'the job failed');
      if (job.state === 'done') {
        this.setBusy(false);
        this.name.value = '';
        this.instruction.value = '';
        this.say(`Added “${name}”.`, false);
        this.toggle(false);
        this.onDone(name);
        return;
      }
      if (job.total > 0) {
        this.progress.value = job.done / job.total;
        this.opener.textContent = `Working… ${Math.round((100 * job.done) / job.total)}%`;
      }
      this.say(`${job.stage || job.state}${job.total > 0 ? ` ${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')}` : ''}…`, false);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
