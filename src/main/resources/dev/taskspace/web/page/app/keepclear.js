// Keeps documents clear of a card that lies over the map: when some of them would be drawn
// under it, the map pans (and zooms out if it must) so that all of them sit in the part of the
// map beside the card. Positions are the target task's, so this holds once a morph has ended.

const MARGIN = 16; // CSS pixels between the points and the card or the map's edge

/**
 * scene: the Scene; indices: documents to keep visible; card: the card element (or null).
 * Returns true when the view moved.
 */
export function keepClear(scene, indices, card) {
  if (!card || card.hidden || indices.length === 0) return false;
  const canvas = scene.canvas.getBoundingClientRect();
  const c = card.getBoundingClientRect();
  if (c.width === 0 || c.left >= canvas.right || c.bottom <= canvas.top || c.top >= canvas.bottom) return false;
  const xy = scene.layouts[scene.to];
  const box = () => {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const i of indices) {
      const [x, y] = scene.view.toScreen(xy[2 * i], xy[2 * i + 1]);
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    return {minX, minY, maxX, maxY};
  };
  let b = box();
  // The card in canvas pixels; the free strip is left of it.
  const cardLeft = c.left - canvas.left, cardBottom = c.bottom - canvas.top;
  const covered = b.maxX >= cardLeft - MARGIN / 2 && b.minY <= cardBottom + MARGIN / 2;
  const outside = b.minX < 0 || b.minY < 0 || b.maxX > canvas.width || b.maxY > canvas.height;
  if (!covered && !outside) return false;
  const free = {left: MARGIN, right: cardLeft - MARGIN, top: MARGIN, bottom: canvas.height - MARGIN};
  if (free.right - free.left < 80) return false; // no room beside the card
  const roomIn = (f) => Math.min((f.right - f.left) / Math.max(b.maxX - b.minX, 1), (f.bottom - f.top) / Math.max(b.maxY - b.minY, 1));
  // Clear of the legend too, when they fit beside it as they are; the card comes first.
  const inset = scene.options.leftInset ? scene.options.leftInset() : 0;
  if (inset > 0 && roomIn({...free, left: inset + MARGIN}) >= 1) free.left = inset + MARGIN;
  const room = roomIn(free);
  if (room < 1) {
    scene.view.zoomAt((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, room);
    b = box();
  }
  scene.view.pan((free.left + free.right) / 2 - (b.minX + b.maxX) / 2, (free.top + free.bottom) / 2 - (b.minY + b.maxY) / 2);
  scene.requestDraw();
  return true;
}
