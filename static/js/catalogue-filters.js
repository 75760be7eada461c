/*
 * The catalogue's district list follows its province list as soon as a province is
 * chosen, instead of after Apply: it then holds that province's districts, in the order
 * the page gives them (Khmer order on Khmer pages), and a district chosen before that is
 * not among them is cleared.
 *
 * The districts come with the page, in <template id="id_district_menus">. Without this
 * script the form still works: the server lists the chosen province's districts once
 * the form is applied, and drops a district of another province, saying so.
 */
(() => {
  "use strict";

  const province = document.getElementById("id_province");
  const district = document.getElementById("id_district");
  const menus = document.getElementById("id_district_menus");
  if (!province || !district || !menus || !menus.content) {
    return;
  }
  const help = document.getElementById("id_district_help");
  // One <optgroup data-province="slug"> of <option>s for each province.
  const provinces = Array.from(menus.content.querySelectorAll("optgroup"));

  function showHelp(shown) {
    if (!help) {
      return;
    }
    help.hidden = !shown;
    if (shown) {
      district.setAttribute("aria-describedby", help.id);
    } else {
      district.removeAttribute("aria-describedby");
    }
  }

  function limitDistricts() {
    const chosen = district.value;
    // The first option, "All districts", stays.
    while (district.options.length > 1) {
      district.remove(1);
    }
    const chosenProvince = provinces.find((group) => group.dataset.province === province.value);
    for (const option of chosenProvince ? chosenProvince.children : []) {
      district.add(option.cloneNode(true));
    }
    district.value = chosen;
    if (district.value !== chosen) {
      district.selectedIndex = 0;
    }
    showHelp(!province.value);
  }

  province.addEventListener("change", limitDistricts);

  // Back on this page, the browser may restore the province chosen before, which is
  // not the one the page was made for: list that province's districts. It restores
  // the form after this script has run, by the time the page is shown.
  const made = Array.from(province.options).find((option) => option.defaultSelected);
  window.addEventListener("pageshow", () => {
    if (province.value !== (made ? made.value : "")) {
      limitDistricts();
    }
  });
})();
