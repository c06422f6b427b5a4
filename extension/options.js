// Options: threshold, techniques shown, auto-analysis. Auto-analysis needs host
// access, requested only when the reader turns it on (optional permission).
const TECHNIQUES = [
  "Name_Calling-Labeling", "Guilt_by_Association", "Doubt", "Appeal_to_Hypocrisy", "Questioning_the_Reputation",
  "Flag_Waving", "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values", "Appeal_to_Fear-Prejudice",
  "Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification", "Straw_Man",
  "Red_Herring", "Whataboutism", "Slogans", "Conversation_Killer", "Appeal_to_Time", "Loaded_Language",
  "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation", "Repetition",
];
const DEFAULTS = { threshold: 0.5, techniques: [], auto: false };
const HOSTS = { origins: ["http://*/*", "https://*/*"] };
const $ = (id) => document.getElementById(id);
const saved = (msg) => { $("saved").textContent = msg; };

async function setAuto(on) {
  if (on && !(await chrome.permissions.request(HOSTS))) return false;
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: ["spinsift-auto"] });
  if (on && !registered.length) {
    await chrome.scripting.registerContentScripts([{ id: "spinsift-auto", js: ["auto.js"], matches: HOSTS.origins, runAt: "document_idle" }]);
  } else if (!on && registered.length) {
    await chrome.scripting.unregisterContentScripts({ ids: ["spinsift-auto"] });
    await chrome.permissions.remove(HOSTS);
  }
  return on;
}

async function main() {
  const o = await chrome.storage.sync.get(DEFAULTS);
  $("threshold").value = o.threshold;
  for (const t of TECHNIQUES) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = t;
    box.checked = o.techniques.includes(t);
    label.append(box, document.createTextNode(` ${t.replaceAll("_", " ")}`));
    $("techs").append(label);
  }
  $("auto").checked = o.auto;
  $("threshold").addEventListener("change", async () => {
    const v = Math.min(1, Math.max(0, Number.parseFloat($("threshold").value) || 0));
    await chrome.storage.sync.set({ threshold: v });
    saved("Saved.");
  });
  $("techs").addEventListener("change", async () => {
    const techniques = [...$("techs").querySelectorAll("input:checked")].map((b) => b.value);
    await chrome.storage.sync.set({ techniques });
    saved("Saved.");
  });
  $("auto").addEventListener("change", async (e) => {
    const on = await setAuto(e.target.checked).catch(() => false);
    e.target.checked = on;
    await chrome.storage.sync.set({ auto: on });
    saved(on ? "Article pages will be analysed as you open them." : "Automatic analysis is off.");
  });
}
main();
