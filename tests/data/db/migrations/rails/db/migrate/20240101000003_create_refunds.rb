class CreateRefunds < ActiveRecord::Migration[7.1]
  def change
    create_table :refunds do |t|
      t.references :card, null: false, foreign_key: true
      t.decimal :amount, precision: 12, scale: 2, null: false
    end
  end
end
