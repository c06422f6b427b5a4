// Registered only when the reader turns auto-analysis on (and grants host
// access): hands the page's HTML to the background, which checks that it looks
// like an article before analysing it.
chrome.runtime.sendMessage({ type: "spinsift:auto", html: document.documentElement.outerHTML });
