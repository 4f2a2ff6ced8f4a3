// "Exit this page" (the GOV.UK pattern): the button, or Shift pressed three times within two seconds, replaces the
// page with a neutral one without adding to the history, so the back button does not return to the channel.
(() => {
  const link = document.querySelector('[data-exit-page]');
  if (!link) return;
  const leave = () => {
    document.body.hidden = true;
    window.location.replace(link.href);
  };
  link.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  let presses = [];
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Shift' || event.repeat) return;
    const now = Date.now();
    presses = presses.filter((at) => now - at < 2000).concat(now);
    if (presses.length >= 3) leave();
  });
})();
