// Checks the pictures before the form is sent: a picture too large or too many would be refused by the server, and a
// browser cannot put chosen files back into a form, so the child is told here, with everything typed still in place.
(() => {
  const input = document.getElementById('pictures');
  if (!input) return;
  const check = () => {
    const files = [...input.files];
    const tooMany = files.length > Number(input.dataset.maxFiles);
    const tooLarge = files.some((file) => file.size > Number(input.dataset.maxBytes));
    input.setCustomValidity(tooMany ? input.dataset.tooMany : tooLarge ? input.dataset.tooLarge : '');
  };
  input.addEventListener('change', () => {
    check();
    input.reportValidity();
  });
  input.form.addEventListener('submit', (event) => {
    check();
    if (!input.checkValidity()) {
      event.preventDefault();
      input.reportValidity();
    }
  });
})();
