// The rejection form: choosing a stock reason puts its words in the text box, for the moderator to change.
// Without this script the box may stay empty, and the chosen reason's words are sent as they are.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("id_reason");
  if (!box) return;
  let filled = "";  // the stock words last put in the box: replaced only while the moderator has not changed them
  for (const radio of document.querySelectorAll("input[name=choice]")) {
    radio.addEventListener("change", () => {
      const words = radio.dataset.reason || "";
      if (box.value.trim() === "" || box.value === filled) {
        box.value = words;
        filled = words;
      }
      if (!words) box.focus();
    });
  }
});
