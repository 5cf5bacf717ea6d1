/**
 * Parses XML with a strict, well-formedness-checking parser (saxes) into a small tree, so a
 * test fails on any ill-formed feed.
 *
 * @module
 */
import { SaxesParser } from 'saxes'

/** An element: name as written (with prefix), attributes, children and its own text. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

/**
 * The root element of `xml`; throws on any well-formedness error.
 *
 * @example
 * parseXml('<a x="1">hi</a>').text // 'hi'
 */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true })
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  let failure: Error | null = null
  parser.on('error', (error) => {
    failure ??= error
  })
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([key, attribute]) => [key, attribute.value]))
    const element: XmlElement = { name: tag.name, attributes, children: [], text: '' }
    stack.at(-1)?.children.push(element)
    root ??= element
    stack.push(element)
  })
  parser.on('text', (text) => {
    const current = stack.at(-1)
    if (current !== undefined) current.text += text
  })
  parser.on('cdata', (text) => {
    const current = stack.at(-1)
    if (current !== undefined) current.text += text
  })
  parser.on('closetag', () => {
    stack.pop()
  })
  parser.write(xml).close()
  if (failure !== null) throw failure
  if (root === null) throw new Error('no root element')
  return root
}

/** The children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name)
}

/** The text of the first child named `name` ('' when absent). */
export function childText(element: XmlElement, name: string): string {
  return childrenNamed(element, name)[0]?.text ?? ''
}
