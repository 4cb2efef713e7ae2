/* Charts of the reviewer's dashboard, drawn from the data the server rendered as JSON. */
(function () {
  "use strict";
  if (!window.Chart) return;
  const read = (id) => {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : [];
  };
  const percent = { callback: (v) => v + "%" };
  const units = read("chart-data");
  const unitsCanvas = document.getElementById("chart-units");
  if (unitsCanvas && units.length) {
    new Chart(unitsCanvas, {
      type: "bar",
      data: {
        labels: units.map((u) => u.unit),
        datasets: [
          { label: "% trực tuyến", data: units.map((u) => u.online), backgroundColor: "#0d6efd" },
          { label: "% đúng hạn", data: units.map((u) => u.on_time), backgroundColor: "#198754" },
        ],
      },
      options: { animation: false, scales: { y: { min: 0, max: 100, ticks: percent } } },
    });
  }
  const trend = read("trend-data");
  const trendCanvas = document.getElementById("chart-trend");
  if (trendCanvas && trend.length) {
    new Chart(trendCanvas, {
      type: "line",
      data: {
        labels: trend.map((p) => p.period),
        datasets: [
          { label: "% trực tuyến", data: trend.map((p) => p.online), borderColor: "#0d6efd", spanGaps: true },
          { label: "% đúng hạn", data: trend.map((p) => p.on_time), borderColor: "#198754", spanGaps: true },
        ],
      },
      options: { animation: false, scales: { y: { min: 0, max: 100, ticks: percent } } },
    });
  }
})();
